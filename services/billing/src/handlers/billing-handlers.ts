import type { ServiceHandlers } from "@llm-serve/grpc";
import type { billingV1 } from "@llm-serve/proto";
import { getPricePlan } from "../domain/price-plan.js";
import type { PricePlanStore } from "../store/price-plan-store.js";

export function createBillingHandlers(deps: { plans: PricePlanStore }): ServiceHandlers<typeof billingV1.BillingServiceService> {
  return {
    getPricePlan: async (request) => ({ plan: await getPricePlan(deps, { id: request.id }) }),
  };
}
