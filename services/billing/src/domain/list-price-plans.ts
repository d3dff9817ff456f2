import type { BillingDeps } from "./billing-deps.js";
import type { PricePlan } from "@llm-serve/pricing";

export const MAX_PAGE = 100;

export function pageLimit(limit: number): number {
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_PAGE) : 20;
}

/** One page of plans by id, OpenAI style: `after` the last id seen, and whether more follow. */
export async function listPricePlans(deps: Pick<BillingDeps, "plans">, input: { limit: number; after: string }): Promise<{ plans: PricePlan[]; hasMore: boolean }> {
  const limit = pageLimit(input.limit);
  const plans = await deps.plans.list({ limit, after: input.after });
  return { plans: plans.slice(0, limit), hasMore: plans.length > limit };
}
