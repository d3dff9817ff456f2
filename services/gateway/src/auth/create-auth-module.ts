import { AppError } from "@llm-serve/common";
import { authKeyV1 } from "@llm-serve/proto";
import type { AuthModule, ModuleContext } from "../modules.js";
import type { Principal } from "../ports/authenticator.js";

// FOUNDATION PLACEHOLDER (auth-key issue replaces this file): verifies every request with one RPC
// and has no admin API yet.
export async function createAuthModule(context: ModuleContext): Promise<AuthModule> {
  const authKey = context.runtime.client(authKeyV1.AuthKeyServiceService, "auth-key", { idempotent: ["verifyKey"] });
  return {
    authenticator: {
      async authenticate(request): Promise<Principal> {
        const header = request.header("authorization") ?? "";
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        if (!match?.[1]) throw new AppError("unauthenticated", "You didn't provide an API key. Provide it as 'Authorization: Bearer <key>'.", { details: { openaiCode: null } });
        const { principal } = await authKey.verifyKey({ key: match[1], clientIp: request.ip ?? "" });
        if (!principal) throw new AppError("unauthenticated", "invalid API key");
        return principal;
      },
    },
    adminAuthenticator: {
      async authenticateAdmin() {
        throw new AppError("unauthenticated", "The admin API is not available yet.");
      },
    },
  };
}
