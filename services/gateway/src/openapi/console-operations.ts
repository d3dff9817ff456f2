import { z } from "zod";
import type { AdminOperation } from "./admin-operation.js";

const EVERYONE = "every admin role (the session is the token's: same role, same organization)";

const consoleSession = z.object({
  object: z.literal("console_session"),
  user_id: z.string(),
  role: z.enum(["platform_admin", "org_admin", "org_member", "billing_viewer"]),
  organization_id: z.string().nullable(),
  csrf_token: z.string().nullable().describe("Send it as X-CSRF-Token on every state-changing request made with the session cookie; null when the caller used a bearer token."),
  expires_at: z.string().nullable().describe("When the session ends (ISO 8601); null without a session."),
});

const sessionDeleted = z.object({ object: z.literal("console_session"), id: z.string(), deleted: z.literal(true) });

/** The admin console's session routes (ADR 0033): a bearer admin token exchanged for an HttpOnly cookie + CSRF token. */
export const CONSOLE_OPERATIONS: AdminOperation[] = [
  {
    method: "post",
    path: "/admin/session",
    name: "CreateConsoleSession",
    tag: "console",
    summary:
      "Sign in to the console: send the admin token once as `Authorization: Bearer`; the answer sets the HttpOnly, SameSite=Strict session cookie and carries the CSRF token. Cookie requests that change state must send `X-CSRF-Token` (else 403 csrf_token_invalid).",
    roles: EVERYONE,
    status: 201,
    response: consoleSession,
  },
  { method: "get", path: "/admin/session", name: "GetConsoleSession", tag: "console", summary: "Who is signed in, and the session's CSRF token (after a page reload).", roles: EVERYONE, response: consoleSession },
  { method: "delete", path: "/admin/session", name: "DeleteConsoleSession", tag: "console", summary: "Sign out: deletes the session and clears its cookie.", roles: EVERYONE, response: sessionDeleted },
];
