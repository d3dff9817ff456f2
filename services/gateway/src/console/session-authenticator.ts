import type { Request } from "express";
import { AppError } from "@llm-serve/common";
import type { AdminTokenAuthenticator } from "../auth/admin-token-authenticator.js";
import { bearerToken } from "../auth/bearer-token.js";
import type { AdminAuthenticator, AdminIdentity } from "../ports/authenticator.js";
import { CSRF_HEADER, sessionIdOf } from "./session-cookie.js";
import { csrfTokenMatches, type ConsoleSessionStore } from "./session-store.js";

const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The admin credential of a request (ADR 0033): `Authorization: Bearer` as before, or else the console's
 * session cookie, whose sealed admin token is re-authenticated with auth-key on every request (so a
 * revoked token ends its sessions). A state-changing request on a cookie must carry the session's
 * CSRF token in `X-CSRF-Token`: a cross-site form or fetch cannot read it.
 */
export class SessionAdminAuthenticator implements AdminAuthenticator {
  constructor(
    private readonly tokens: AdminTokenAuthenticator,
    private readonly sessions: ConsoleSessionStore,
  ) {}

  async authenticateAdmin(request: Request): Promise<AdminIdentity> {
    const sessionId = bearerToken(request) === undefined ? sessionIdOf(request) : undefined;
    if (sessionId === undefined) return this.tokens.authenticateAdmin(request);
    const session = await this.sessions.adminTokenOf(sessionId);
    if (!session) {
      throw new AppError("unauthenticated", "The console session has ended: sign in again.", { details: { openaiCode: "session_expired" } });
    }
    if (!SAFE_METHODS.has(request.method) && !csrfTokenMatches(sessionId, request.header(CSRF_HEADER))) {
      throw new AppError("permission_denied", "This request needs the session's CSRF token in the X-CSRF-Token header.", { details: { openaiCode: "csrf_token_invalid" } });
    }
    return this.tokens.authenticateToken(session.adminToken, request);
  }
}
