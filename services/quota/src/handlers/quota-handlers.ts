import type { ServiceHandlers } from "@llm-serve/grpc";
import type { quotaV1 } from "@llm-serve/proto";
import { getPolicy } from "../domain/quota-policy.js";
import type { PolicyStore } from "../store/policy-store.js";

export function createQuotaHandlers(deps: { policies: PolicyStore }): ServiceHandlers<typeof quotaV1.QuotaServiceService> {
  return {
    getPolicy: async (request) => ({ policy: await getPolicy(deps, { id: request.id }) }),
  };
}
