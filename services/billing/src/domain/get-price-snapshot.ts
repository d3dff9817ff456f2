import type { BillingDeps } from "./billing-deps.js";
import { selectRule, versionInForce, type PriceModifier, type PricePlan } from "@llm-serve/pricing";

export interface ModelPriceNow {
  model: string;
  planId: string;
  planVersion: number;
  currency: string;
  inputPerMillion: bigint;
  outputPerMillion: bigint;
}

export interface PriceSnapshot {
  prices: ModelPriceNow[];
  nextChangeAt?: Date;
  /** What the shared pricing function needs (quota prices exactly as the ledger): attached plans, all versions. */
  plans: PricePlan[];
  attachments: Array<{ model: string; planId: string }>;
  modifiers: PriceModifier[];
}

/**
 * For quota's cost budgets: every attached plan with all its versions, the attachments and the
 * modifiers (so quota calls the same priceRequest as the ledger), a summary of each model's
 * input/output prices in force now, and when the next known version takes effect (refresh then).
 */
export async function getPriceSnapshot(deps: Pick<BillingDeps, "plans" | "modelPlans" | "modifiers" | "clock">): Promise<PriceSnapshot> {
  const now = new Date(deps.clock());
  const plans = new Map((await deps.plans.all()).map((plan) => [plan.id, plan]));
  const prices: ModelPriceNow[] = [];
  const attachments = await deps.modelPlans.attachments();
  for (const { model, planId } of attachments) {
    const plan = plans.get(planId);
    const version = plan && versionInForce(plan, now);
    const rule = version && selectRule(version.rules, { model, deploymentId: "", provider: "" });
    if (!plan || !version || !rule) continue;
    prices.push({ model, planId, planVersion: version.version, currency: plan.currency, inputPerMillion: rule.prices.inputPerMillion, outputPerMillion: rule.prices.outputPerMillion });
  }
  const upcoming = [...plans.values()].flatMap((plan) => plan.versions.map((version) => version.effectiveFrom.getTime())).filter((time) => time > now.getTime());
  const attachedPlans = [...new Set(attachments.map((attachment) => attachment.planId))].flatMap((planId) => plans.get(planId) ?? []);
  const modifiers = await deps.modifiers.list({ scope: "", scopeId: "" });
  return { prices, nextChangeAt: upcoming.length > 0 ? new Date(Math.min(...upcoming)) : undefined, plans: attachedPlans, attachments: attachments.map(({ model, planId }) => ({ model, planId })), modifiers };
}
