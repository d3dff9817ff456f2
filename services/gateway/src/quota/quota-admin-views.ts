import type { quotaV1 } from "@llm-serve/proto";

/** JSON shapes of the quota admin API: snake_case like the rest of the admin API. */
export function policyView(policy: quotaV1.QuotaPolicy | undefined) {
  const value = policy!;
  return {
    object: "quota_policy",
    id: value.id,
    scope: value.scope,
    scope_id: value.scopeId,
    org_id: value.orgId,
    model: value.model,
    requests_per_minute: value.requestsPerMinute ?? null,
    tokens_per_minute: value.tokensPerMinute ?? null,
    token_budget: value.tokenBudget ? { limit: value.tokenBudget.limit, period: value.tokenBudget.period } : null,
    cost_budget: value.costBudget ? { limit_micros: value.costBudget.limit, period: value.costBudget.period } : null,
    max_concurrent_requests: value.maxConcurrentRequests ?? null,
    fail_mode: value.failMode,
    warning_thresholds_bps: value.warningThresholdsBps,
    timezone: value.timezone,
    admission_wait_ms: value.admissionWaitMs ?? 0,
    version: value.version,
    is_default: value.isDefault,
    owner: value.owner || "platform",
  };
}

export function usageView(usage: quotaV1.UsageStats) {
  return {
    object: "quota_usage",
    policy_id: usage.policyId,
    subject_id: usage.subjectId,
    dimension: usage.dimension,
    kind: usage.kind,
    limit: usage.limit,
    used: usage.used,
    held: usage.held,
    remaining: usage.remaining,
    period_start: usage.periodStart,
    reset_at: usage.resetAt,
  };
}

export function settingsView(snapshot: quotaV1.GetPolicySnapshotResponse) {
  const settings = snapshot.settings;
  return {
    object: "quota_settings",
    version: snapshot.version,
    timezone: settings?.timezone ?? "UTC",
    warning_thresholds_bps: settings?.warningThresholdsBps ?? [],
    prices: Object.fromEntries(
      (settings?.prices ?? []).map((price) => [
        price.model,
        { prompt_micros_per_million_tokens: price.promptMicrosPerMillionTokens, completion_micros_per_million_tokens: price.completionMicrosPerMillionTokens },
      ]),
    ),
    default_policies: (settings?.defaultPolicies ?? []).map(policyView),
  };
}
