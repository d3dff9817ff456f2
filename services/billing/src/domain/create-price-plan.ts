import { AppError, TOPICS } from "@llm-serve/common";
import type { BillingDeps } from "./billing-deps.js";
import type { PricePlan, PriceRule, VolumeTier } from "@llm-serve/pricing";
import { validateCurrency, validateEffectiveFrom, validatePlanId, validateRules, validateVolumeTiers } from "./validate-plan-input.js";

export interface CreatePricePlanInput {
  id: string;
  name: string;
  currency: string;
  effectiveFrom: string;
  rules: PriceRule[];
  volumeTiers: VolumeTier[];
}

/** Creates a plan with its first version (effective now unless said) and announces it. */
export async function createPricePlan(deps: Pick<BillingDeps, "plans" | "clock" | "encode" | "kickRelay">, input: CreatePricePlanInput): Promise<PricePlan> {
  const id = validatePlanId(input.id);
  const effectiveFrom = validateEffectiveFrom(input.effectiveFrom, new Date(deps.clock()));
  const plan = { id, name: input.name || id, currency: validateCurrency(input.currency) };
  const rules = validateRules(input.rules);
  const created = await deps.plans.create(plan, {
    effectiveFrom,
    rules,
    volumeTiers: validateVolumeTiers(input.volumeTiers),
    event: (version) => deps.encode({ topic: TOPICS.pricePlanUpdated, key: id, payload: { planId: id, version, effectiveFrom: effectiveFrom.toISOString() } }),
  });
  if (!created) throw new AppError("conflict", `price plan ${id} already exists; add a version to change its prices`, { details: { param: "id" } });
  deps.kickRelay();
  return (await deps.plans.find(id))!;
}
