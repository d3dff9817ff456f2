import { AppError, TOPICS } from "@llm-serve/common";
import type { BillingDeps } from "./billing-deps.js";
import type { PricePlan, PriceRule, VolumeTier } from "@llm-serve/pricing";
import { validateEffectiveFrom, validateRules, validateVolumeTiers } from "./validate-plan-input.js";

/**
 * Appends a version to a plan: the only way prices change. It must take effect after the last
 * version, so that no usage already priced falls under it.
 */
export async function addPricePlanVersion(deps: Pick<BillingDeps, "plans" | "clock" | "encode" | "kickRelay">, input: { planId: string; effectiveFrom: string; rules: PriceRule[]; volumeTiers: VolumeTier[] }): Promise<PricePlan> {
  const effectiveFrom = validateEffectiveFrom(input.effectiveFrom, new Date(deps.clock()));
  const rules = validateRules(input.rules);
  const result = await deps.plans.appendVersion(input.planId, {
    effectiveFrom,
    rules,
    volumeTiers: validateVolumeTiers(input.volumeTiers),
    event: (version) => deps.encode({ topic: TOPICS.pricePlanUpdated, key: input.planId, payload: { planId: input.planId, version, effectiveFrom: effectiveFrom.toISOString() } }),
  });
  if ("refused" in result) {
    if (result.refused === "not_found") throw new AppError("not_found", `price plan ${input.planId} does not exist`, { details: { param: "plan_id" } });
    throw new AppError("invalid_request", `effective_from must be later than the last version's (${result.lastEffectiveFrom?.toISOString()}): versions are never edited`, { details: { param: "effective_from" } });
  }
  deps.kickRelay();
  return (await deps.plans.find(input.planId))!;
}
