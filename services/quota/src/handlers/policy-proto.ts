import type { quotaV1 } from "@llm-serve/proto";
import { priceBookToWire } from "@llm-serve/pricing";
import { formatPeriod, type Budget, type PolicySnapshot, type QuotaPolicy, type UsageStats } from "@llm-serve/quota-engine";

const budgetToProto = (budget: Budget | undefined): quotaV1.Budget | undefined => (budget ? { limit: budget.limit, period: formatPeriod(budget.period) } : undefined);

export function policyToProto(policy: QuotaPolicy): quotaV1.QuotaPolicy {
  return {
    id: policy.id,
    scope: policy.scope,
    scopeId: policy.scopeId,
    orgId: policy.orgId,
    model: policy.model,
    requestsPerMinute: policy.requestsPerMinute,
    tokensPerMinute: policy.tokensPerMinute,
    tokenBudget: budgetToProto(policy.tokenBudget),
    costBudget: budgetToProto(policy.costBudget),
    maxConcurrentRequests: policy.maxConcurrentRequests,
    failMode: policy.failMode,
    warningThresholdsBps: policy.warningThresholdsBps,
    timezone: policy.timezone,
    version: policy.version,
    isDefault: policy.isDefault,
    admissionWaitMs: policy.admissionWaitMs,
    owner: policy.owner ?? (policy.isDefault ? "platform" : "org"),
  };
}

/**
 * A proto policy as the written form the domain validates (the admin JSON shape): validation
 * happens once, in the domain, whatever the transport.
 */
export function writtenPolicyFromProto(policy: quotaV1.QuotaPolicy | undefined): Record<string, unknown> {
  if (!policy) return {};
  const written: Record<string, unknown> = {
    scope: policy.scope,
    scope_id: policy.scopeId,
    org_id: policy.orgId,
    model: policy.model,
    fail_mode: policy.failMode || undefined,
    warning_thresholds_bps: policy.warningThresholdsBps,
    timezone: policy.timezone,
  };
  if (policy.requestsPerMinute !== undefined) written.requests_per_minute = policy.requestsPerMinute;
  if (policy.tokensPerMinute !== undefined) written.tokens_per_minute = policy.tokensPerMinute;
  if (policy.tokenBudget) written.token_budget = { limit: policy.tokenBudget.limit, period: policy.tokenBudget.period };
  if (policy.costBudget) written.cost_budget = { limit_micros: policy.costBudget.limit, period: policy.costBudget.period };
  if (policy.maxConcurrentRequests !== undefined) written.max_concurrent_requests = policy.maxConcurrentRequests;
  if (policy.admissionWaitMs !== undefined) written.admission_wait_ms = policy.admissionWaitMs;
  return written;
}

export function snapshotToProto(snapshot: PolicySnapshot): quotaV1.GetPolicySnapshotResponse {
  const { settings } = snapshot;
  return {
    version: snapshot.version,
    policies: snapshot.policies.map(policyToProto),
    settings: {
      timezone: settings.timezone,
      warningThresholdsBps: settings.warningThresholdsBps,
      prices: Object.entries(settings.prices).map(([model, price]) => ({ model, ...price })),
      defaultPolicies: settings.defaultPolicies.map(policyToProto),
      priceBook: { prices: [], nextChangeAt: "", ...priceBookToWire(settings.priceBook) },
    },
  };
}

export function usageToProto(stats: UsageStats): quotaV1.UsageStats {
  return { ...stats };
}
