import { AppError } from "@llm-serve/common";
import type { PricePlanStore } from "../store/price-plan-store.js";

export interface PricePlan {
  id: string;
  currency: string;
  promptMicrosPerMillionTokens: number;
  completionMicrosPerMillionTokens: number;
}

export async function getPricePlan(deps: { plans: PricePlanStore }, input: { id: string }): Promise<PricePlan> {
  const plan = await deps.plans.find(input.id);
  if (!plan) throw new AppError("not_found", `price plan ${input.id} does not exist`);
  return plan;
}
