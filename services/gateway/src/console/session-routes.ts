import { Router, type Request, type Response } from "express";
import { withRefusalAudit } from "../admin/refusal-audit.js";
import type { AdminTokenAuthenticator } from "../auth/admin-token-authenticator.js";
import { bearerToken } from "../auth/bearer-token.js";
import { ANY_ADMIN_ROLE, adminOf, requireAdmin } from "../auth/require-admin.js";
import { noStore } from "../http/security-headers.js";
import type { AdminAuthenticator, AdminIdentity } from "../ports/authenticator.js";
import { SESSION_COOKIE, sessionCookieOptions, sessionIdOf } from "./session-cookie.js";
import { csrfTokenOf, type ConsoleSessionStore } from "./session-store.js";

export interface SessionRoutesDeps {
  tokens: AdminTokenAuthenticator;
  /** The session-aware authenticator that guards every other admin route. */
  adminAuthenticator: AdminAuthenticator;
  sessions: ConsoleSessionStore;
}

function sessionView(identity: AdminIdentity, csrfToken: string | null, expiresAt: Date | null) {
  return {
    object: "console_session",
    user_id: identity.userId,
    role: identity.role,
    organization_id: identity.orgId || null,
    csrf_token: csrfToken,
    expires_at: expiresAt ? expiresAt.toISOString() : null,
  };
}

/**
 * `POST /admin/session` (sign-in, mounted ahead of admin authentication: its credential is the bearer
 * token it exchanges for a session). The admin token is authenticated exactly as on any admin route,
 * failures counted against the address.
 */
export function sessionSignInRouter(deps: SessionRoutesDeps): Router {
  const routes = Router();
  routes.post("/session", noStore(), async (request: Request, response: Response) => {
    const identity = await deps.tokens.authenticateAdmin(request);
    response.locals.admin = identity;
    const session = await deps.sessions.create(bearerToken(request)!);
    response.cookie(SESSION_COOKIE, session.sessionId, sessionCookieOptions(request, session.expiresAt.getTime() - Date.now()));
    response.status(201).json(sessionView(identity, session.csrfToken, session.expiresAt));
  });
  return withRefusalAudit(routes);
}

/** `GET /admin/session` (who is signed in, and the CSRF token after a reload) and `DELETE /admin/session` (sign-out). */
export function sessionRouter(deps: SessionRoutesDeps): Router {
  const routes = Router();
  routes.get("/session", requireAdmin(deps.adminAuthenticator, ANY_ADMIN_ROLE), async (request, response) => {
    const sessionId = bearerToken(request) === undefined ? sessionIdOf(request) : undefined;
    const session = sessionId === undefined ? undefined : await deps.sessions.adminTokenOf(sessionId);
    response.json(sessionView(adminOf(response), sessionId && session ? csrfTokenOf(sessionId) : null, session?.expiresAt ?? null));
  });
  routes.delete("/session", requireAdmin(deps.adminAuthenticator, ANY_ADMIN_ROLE), async (request, response) => {
    const sessionId = sessionIdOf(request);
    // Signing out with a bearer token ends the session the browser holds too, if any: it is the same admin.
    if (sessionId !== undefined) await deps.sessions.delete(sessionId);
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
    response.json({ object: "console_session", id: "current", deleted: true });
  });
  return withRefusalAudit(routes);
}
