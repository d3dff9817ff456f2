import type { ServiceHandlers } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import { verifyKey } from "../domain/verify-key.js";
import type { ApiKeyStore } from "../store/api-key-store.js";

export function createAuthKeyHandlers(deps: { keys: ApiKeyStore; pepper: string; now: () => Date }): ServiceHandlers<typeof authKeyV1.AuthKeyServiceService> {
  return {
    verifyKey: async (request) => ({ principal: await verifyKey(deps, { key: request.key }) }),
  };
}
