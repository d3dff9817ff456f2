import type { BillingDeps } from "./billing-deps.js";
import type { PriceModifier } from "@llm-serve/pricing";

export async function listPriceModifiers(deps: Pick<BillingDeps, "modifiers">, input: { scope: string; scopeId: string }): Promise<PriceModifier[]> {
  return deps.modifiers.list(input);
}
