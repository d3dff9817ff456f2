import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./admin-schema.js";

export type Schemas = components["schemas"];

/** The session's CSRF token (ADR 0033): sent back on every state-changing request. */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const sendCsrfToken: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !["GET", "HEAD"].includes(request.method)) request.headers.set("x-csrf-token", csrfToken);
    return request;
  },
};

/** Typed by the admin API's own description (src/api/admin-schema.d.ts, generated): no other routes exist for it. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: "same-origin" });
api.use(sendCsrfToken);

/** An OpenAI-shaped error answer, kept whole so that pages can show its message and field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer, or an ApiError with the server's own words. */
export function unwrap<T>(answer: Answer<T>): T {
  if (answer.data !== undefined && answer.response.ok) return answer.data;
  const error = (answer.error as { error?: { message?: string; param?: string | null; code?: string | null } } | undefined)?.error;
  throw new ApiError(answer.response.status, error?.message ?? `HTTP ${answer.response.status}`, error?.param ?? null, error?.code ?? null);
}
