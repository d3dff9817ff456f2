import type { ServiceHandlers } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import type { AuthKeyDeps } from "../domain/deps.js";
import { verifyKey } from "../domain/keys/verify-key.js";
import { authenticateAdmin } from "../domain/users/authenticate-admin.js";

/** The gateway's hot path: presented secrets to principals. */
export function createAuthKeyHandlers(deps: AuthKeyDeps): ServiceHandlers<typeof authKeyV1.AuthKeyServiceService> {
  return {
    verifyKey: async (request) => {
      const { principal, policy } = await verifyKey(deps, { key: request.key });
      return {
        principal,
        policy: {
          requireSignature: policy.requireSignature,
          signingSecret: policy.signingSecret,
          ipAllowList: policy.ipAllowList,
          expiresAtMs: policy.expiresAt ? policy.expiresAt.getTime() : 0,
        },
      };
    },
    authenticateAdmin: async (request) => authenticateAdmin(deps, { token: request.token }),
  };
}
