import { EMPTY_PRICE_BOOK, priceBookFromWire } from "@llm-serve/pricing";
import type { quotaV1 } from "@llm-serve/proto";
import { parsePeriod, type Budget, type FailMode, type PolicyOwner, type PolicySnapshot, type QuotaPolicy, type QuotaScope } from "@llm-serve/quota-engine";

function budgetFromProto(budget: quotaV1.Budget | undefined): Budget | undefined {
  if (!budget) return undefined;
  const period = parsePeriod(budget.period);
  if (period instanceof Error) throw period;
  return { limit: budget.limit, period };
}

export function policyFromProto(policy: quotaV1.QuotaPolicy): QuotaPolicy {
  return {
    id: policy.id,
    scope: policy.scope as QuotaScope,
    scopeId: policy.scopeId,
    orgId: policy.orgId,
    model: policy.model,
    requestsPerMinute: policy.requestsPerMinute,
    tokensPerMinute: policy.tokensPerMinute,
    tokenBudget: budgetFromProto(policy.tokenBudget),
    costBudget: budgetFromProto(policy.costBudget),
    maxConcurrentRequests: policy.maxConcurrentRequests,
    failMode: policy.failMode as FailMode,
    warningThresholdsBps: policy.warningThresholdsBps,
    timezone: policy.timezone,
    version: policy.version,
    isDefault: policy.isDefault,
    admissionWaitMs: policy.admissionWaitMs,
    // Only a platform policy may stand in for a default (ADR 0016); empty from an older quota service.
    owner: policy.owner === "platform" || policy.owner === "org" ? (policy.owner as PolicyOwner) : undefined,
  };
}

/** The quota service's snapshot as the request path caches it. */
export function snapshotFromProto(snapshot: quotaV1.GetPolicySnapshotResponse): PolicySnapshot {
  const settings = snapshot.settings;
  return {
    version: snapshot.version,
    policies: snapshot.policies.map(policyFromProto),
    settings: {
      timezone: settings?.timezone || "UTC",
      warningThresholdsBps: settings?.warningThresholdsBps ?? [],
      prices: Object.fromEntries((settings?.prices ?? []).map(({ model, ...price }) => [model, price])),
      // Billing's plans, as quota holds them: cost budgets hold and settle with these (ADR 0021).
      priceBook: settings?.priceBook ? priceBookFromWire(settings.priceBook) : EMPTY_PRICE_BOOK,
      defaultPolicies: (settings?.defaultPolicies ?? []).map(policyFromProto),
    },
  };
}
