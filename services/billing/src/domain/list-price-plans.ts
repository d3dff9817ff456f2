import { readListOrder, unknownCursor } from "@llm-serve/common";
import type { BillingDeps } from "./billing-deps.js";
import type { PricePlan } from "@llm-serve/pricing";

export const MAX_PAGE = 100;

export function pageLimit(limit: number): number {
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_PAGE) : 20;
}

/**
 * One page of plans by id (`asc` unless `order` says `desc`), OpenAI style: `after` the last id seen,
 * and whether more follow. An `after` naming no plan is a 400 naming `after`, not the plans past it.
 */
export async function listPricePlans(deps: Pick<BillingDeps, "plans">, input: { limit: number; after: string; order?: string }): Promise<{ plans: PricePlan[]; hasMore: boolean }> {
  const limit = pageLimit(input.limit);
  if (input.after !== "" && !(await deps.plans.exists(input.after))) throw unknownCursor(input.after);
  const plans = await deps.plans.list({ limit, after: input.after, order: readListOrder(input.order, "asc") });
  return { plans: plans.slice(0, limit), hasMore: plans.length > limit };
}
