import type { BillingDeps } from "./billing-deps.js";
import { selectRule, versionInForce } from "@llm-serve/pricing";

export interface ModelPriceNow {
  model: string;
  planId: string;
  planVersion: number;
  currency: string;
  inputPerMillion: bigint;
  outputPerMillion: bigint;
}

/**
 * The input and output prices in force now of every attached model (its model-level rule), for
 * quota's cost budgets, and when the next known version takes effect (the holder refreshes then).
 */
export async function getPriceSnapshot(deps: Pick<BillingDeps, "plans" | "modelPlans" | "clock">): Promise<{ prices: ModelPriceNow[]; nextChangeAt?: Date }> {
  const now = new Date(deps.clock());
  const plans = new Map((await deps.plans.all()).map((plan) => [plan.id, plan]));
  const prices: ModelPriceNow[] = [];
  for (const { model, planId } of await deps.modelPlans.attachments()) {
    const plan = plans.get(planId);
    const version = plan && versionInForce(plan, now);
    const rule = version && selectRule(version.rules, { model, deploymentId: "", provider: "" });
    if (!plan || !version || !rule) continue;
    prices.push({ model, planId, planVersion: version.version, currency: plan.currency, inputPerMillion: rule.prices.inputPerMillion, outputPerMillion: rule.prices.outputPerMillion });
  }
  const upcoming = [...plans.values()].flatMap((plan) => plan.versions.map((version) => version.effectiveFrom.getTime())).filter((time) => time > now.getTime());
  return { prices, nextChangeAt: upcoming.length > 0 ? new Date(Math.min(...upcoming)) : undefined };
}
