import type { Request } from "express";
import { AppError, isAppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import type { AdminAuthenticator, AdminIdentity } from "../ports/authenticator.js";
import { bearerToken } from "./bearer-token.js";
import type { FailureLimiter } from "./failure-limiter.js";
import { requestIdOf } from "./key-authenticator.js";

const ROLES: ReadonlySet<string> = new Set(["platform_admin", "org_admin", "org_member", "billing_viewer"]);

/**
 * Authenticates `Authorization: Bearer <admin token>` with auth-key on every admin request (no
 * cache: revoking a token or disabling a user applies to the very next call). Failures count
 * against the client IP like failed API keys.
 */
export class AdminTokenAuthenticator implements AdminAuthenticator {
  constructor(
    private readonly authKey: ServiceClient<typeof authKeyV1.AuthKeyServiceService>,
    private readonly limiter: FailureLimiter,
  ) {}

  authenticateAdmin(request: Request): Promise<AdminIdentity> {
    return this.authenticateToken(bearerToken(request), request);
  }

  /** The same check for a token that came another way (the console's session, ADR 0033). */
  async authenticateToken(token: string | undefined, request: Request): Promise<AdminIdentity> {
    const clientIp = request.ip ?? "";
    await this.limiter.assertNotBlocked(clientIp);
    if (!token) {
      // A missing token counts against the address like a wrong one.
      await this.limiter.recordFailure(clientIp);
      throw new AppError("unauthenticated", "The admin API needs an admin token: Authorization: Bearer <admin token>.", { details: { openaiCode: null } });
    }
    try {
      const requestId = requestIdOf(request);
      const identity = await this.authKey.authenticateAdmin({ token, clientIp }, requestId ? { requestId } : {});
      if (!ROLES.has(identity.role)) throw new AppError("internal", `auth-key answered with an unknown role ${identity.role}`);
      return { userId: identity.userId, role: identity.role as AdminIdentity["role"], orgId: identity.orgId };
    } catch (error) {
      if (isAppError(error) && error.code === "unauthenticated") {
        await this.limiter.recordFailure(clientIp);
        throw new AppError("unauthenticated", "Invalid admin token.", { details: { openaiCode: "invalid_admin_token" } });
      }
      throw error;
    }
  }
}
