import { AppError } from "@llm-serve/common";
import type { BillingDeps } from "./billing-deps.js";
import { multipliersAt, priceQuantities, selectRule, versionInForce, type UsageQuantities } from "@llm-serve/pricing";

export interface Estimate {
  amountMicros: bigint;
  currency: string;
  planId: string;
  planVersion: number;
}

/**
 * What some usage of a model costs with the plan version (and, given an org or project, the
 * modifiers) in force at `at`, rounded as a ledger line.
 */
export async function estimateCost(
  deps: Pick<BillingDeps, "plans" | "modifiers" | "modelPlans" | "clock">,
  input: { model: string; deploymentId: string; provider: string; quantities: UsageQuantities; at: string; orgId: string; projectId: string },
): Promise<Estimate> {
  if (input.model === "") throw new AppError("invalid_request", "model is required", { details: { param: "model" } });
  const at = input.at === "" ? new Date(deps.clock()) : new Date(Date.parse(input.at));
  if (!Number.isFinite(at.getTime())) throw new AppError("invalid_request", "at must be an RFC 3339 time", { details: { param: "at" } });
  const planId = await deps.modelPlans.planIdOf(input.model);
  const plan = planId ? await deps.plans.find(planId) : undefined;
  if (!plan) throw new AppError("not_found", `model ${input.model} has no price plan`, { details: { param: "model" } });
  const version = versionInForce(plan, at);
  const rule = version && selectRule(version.rules, { model: input.model, deploymentId: input.deploymentId, provider: input.provider });
  if (!version || !rule) throw new AppError("not_found", `price plan ${plan.id} has no price for ${input.model} at ${at.toISOString()}`, { details: { param: "model" } });
  const modifiers = await deps.modifiers.forSubjects([input.orgId], [input.projectId]);
  const { orgPpm, projectPpm } = multipliersAt(modifiers, input, at);
  return { amountMicros: priceQuantities(rule.prices, input.quantities, [orgPpm, projectPpm]), currency: plan.currency, planId: plan.id, planVersion: version.version };
}
