import { multipliersAt, type PriceModifier } from "./price-modifier.js";
import { versionInForce, type PricePlan } from "./price-plan.js";
import { priceQuantities, selectRule } from "./price-quantities.js";
import { quantitiesFromUsage, type ReportedUsage, type UsageQuantities } from "./usage-quantities.js";

/** Why a request cannot be priced; billing holds such usage, quota refuses it under a cost budget. */
export type UnpricedReason = "model_without_plan" | "unknown_plan" | "no_version_in_force" | "no_matching_rule";

export interface PricedRequest {
  amountMicros: bigint;
  planId: string;
  currency: string;
  planVersion: number;
  orgMultiplierPpm: bigint;
  projectMultiplierPpm: bigint;
  quantities: UsageQuantities;
}

export interface RequestToPrice {
  model: string;
  deploymentId: string;
  provider: string;
  orgId: string;
  projectId: string;
  /** When the usage happened: the plan version and modifiers in force then apply. */
  at: Date;
  usage: ReportedUsage;
}

/** The fields of a `llmserve.usage.recorded.v1` payload that pricing reads (structural: no proto here). */
export interface RecordedUsage {
  model: string;
  deploymentId: string;
  provider: string;
  orgId: string;
  projectId: string;
  endpoint: string;
  status: string;
  usage?: { promptTokens: number; completionTokens: number; cachedPromptTokens: number; reasoningTokens: number; audioMilliseconds: number; images: number } | undefined;
}

/** One usage event as a request to price, at the time it happened (billing's ledger and quota's record). */
export function requestOfRecordedUsage(recorded: RecordedUsage, at: Date): RequestToPrice {
  const tokens = recorded.usage;
  return {
    model: recorded.model,
    deploymentId: recorded.deploymentId,
    provider: recorded.provider,
    orgId: recorded.orgId,
    projectId: recorded.projectId,
    at,
    usage: {
      endpoint: recorded.endpoint,
      succeeded: recorded.status === "succeeded",
      promptTokens: tokens?.promptTokens ?? 0,
      completionTokens: tokens?.completionTokens ?? 0,
      cachedPromptTokens: tokens?.cachedPromptTokens ?? 0,
      reasoningTokens: tokens?.reasoningTokens ?? 0,
      audioMilliseconds: tokens?.audioMilliseconds ?? 0,
      images: tokens?.images ?? 0,
    },
  };
}

/**
 * The one pricing function of ADR 0018, shared by billing's ledger and quota's cost budgets: the
 * plan version in force at the request's time, its most specific rule, every dimension, the org's
 * and project's multipliers, one upward rounding. Both sides call this, so they agree exactly.
 */
export function priceRequest(
  request: RequestToPrice,
  planId: string | undefined,
  plan: PricePlan | undefined,
  modifiers: readonly PriceModifier[] = [],
): PricedRequest | { unpriced: UnpricedReason } {
  if (!planId) return { unpriced: "model_without_plan" };
  if (!plan) return { unpriced: "unknown_plan" };
  const version = versionInForce(plan, request.at);
  if (!version) return { unpriced: "no_version_in_force" };
  const rule = selectRule(version.rules, { model: request.model, deploymentId: request.deploymentId, provider: request.provider });
  if (!rule) return { unpriced: "no_matching_rule" };
  const quantities = quantitiesFromUsage(request.usage);
  const { orgPpm, projectPpm } = multipliersAt(modifiers, { orgId: request.orgId, projectId: request.projectId }, request.at);
  return {
    amountMicros: priceQuantities(rule.prices, quantities, [orgPpm, projectPpm]),
    planId: plan.id,
    currency: plan.currency,
    planVersion: version.version,
    orgMultiplierPpm: orgPpm,
    projectMultiplierPpm: projectPpm,
    quantities,
  };
}
