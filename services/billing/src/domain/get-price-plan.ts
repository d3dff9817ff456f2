import { AppError } from "@llm-serve/common";
import type { BillingDeps } from "./billing-deps.js";
import type { PricePlan } from "@llm-serve/pricing";

export async function getPricePlan(deps: Pick<BillingDeps, "plans">, input: { id: string }): Promise<PricePlan> {
  const plan = await deps.plans.find(input.id);
  if (!plan) throw new AppError("not_found", `price plan ${input.id} does not exist`, { details: { param: "id" } });
  return plan;
}
