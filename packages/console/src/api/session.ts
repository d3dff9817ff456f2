import { api, setCsrfToken, unwrap, type Schemas } from "./client.js";

export type Session = Schemas["CreateConsoleSessionResponse"];

/** Exchanges the admin token for the session cookie; the token is not kept anywhere in the page. */
export async function signIn(adminToken: string): Promise<Session> {
  const session = unwrap(await api.POST("/admin/session", { headers: { authorization: `Bearer ${adminToken}` } }));
  setCsrfToken(session.csrf_token);
  return session;
}

/** The current session after a reload, or undefined when signed out. */
export async function currentSession(): Promise<Session | undefined> {
  const answer = await api.GET("/admin/session");
  if (answer.response.status === 401) return undefined;
  const session = unwrap(answer);
  setCsrfToken(session.csrf_token);
  return session;
}

export async function signOut(): Promise<void> {
  await api.DELETE("/admin/session");
  setCsrfToken(null);
}
