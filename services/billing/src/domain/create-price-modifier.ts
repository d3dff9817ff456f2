import { AppError, TOPICS } from "@llm-serve/common";
import type { BillingDeps } from "./billing-deps.js";
import type { PriceModifier } from "@llm-serve/pricing";
import { validateEffectiveFrom } from "./validate-plan-input.js";

/** Up to ×100: anything above is a typo of ppm. */
const MAX_MULTIPLIER_PPM = 100_000_000n;

/**
 * Appends an org or project multiplier (a discount below 1,000,000 ppm). Like plan versions it is
 * never edited and must take effect after the subject's last one: usage already priced keeps its price.
 */
export async function createPriceModifier(
  deps: Pick<BillingDeps, "modifiers" | "clock" | "newModifierId" | "encode" | "kickRelay">,
  input: { scope: string; scopeId: string; multiplierPpm: number; effectiveFrom: string },
): Promise<PriceModifier> {
  if (input.scope !== "org" && input.scope !== "project") throw new AppError("invalid_request", "scope must be org or project", { details: { param: "scope" } });
  if (input.scopeId === "") throw new AppError("invalid_request", "scope_id is required", { details: { param: "scope_id" } });
  if (!Number.isSafeInteger(input.multiplierPpm) || input.multiplierPpm < 0 || BigInt(input.multiplierPpm) > MAX_MULTIPLIER_PPM) {
    throw new AppError("invalid_request", `multiplier_ppm must be an integer from 0 to ${MAX_MULTIPLIER_PPM}`, { details: { param: "multiplier_ppm" } });
  }
  const effectiveFrom = validateEffectiveFrom(input.effectiveFrom, new Date(deps.clock()));
  // Announced like a plan change (plan_id empty): quota's price book must hold it to price as the ledger.
  const announcement = deps.encode({ topic: TOPICS.pricePlanUpdated, key: `${input.scope}:${input.scopeId}`, payload: { planId: "", version: 0, effectiveFrom: effectiveFrom.toISOString() } });
  const result = await deps.modifiers.append({ id: deps.newModifierId(), scope: input.scope, scopeId: input.scopeId, multiplierPpm: BigInt(input.multiplierPpm), effectiveFrom }, announcement);
  if ("lastEffectiveFrom" in result) {
    throw new AppError("invalid_request", `effective_from must be later than the last modifier's (${result.lastEffectiveFrom.toISOString()})`, { details: { param: "effective_from" } });
  }
  deps.kickRelay();
  return result.created;
}
