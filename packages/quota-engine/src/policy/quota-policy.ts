import type { Period } from "../period/period.js";

export type QuotaScope = "org" | "project" | "key";
export const QUOTA_SCOPES: readonly QuotaScope[] = ["org", "project", "key"];

/** What a policy does when Redis cannot be reached: admit unchecked (loudly) or refuse. */
export type FailMode = "open" | "closed";

/**
 * Who created a policy, and so who may change it: a platform admin or an org admin. Set once, from
 * the creator's role. Only a platform policy may stand in for a default (ADR 0016).
 */
export type PolicyOwner = "platform" | "org";

export interface Budget {
  /** Tokens for a token budget; integer micro-units of money for a cost budget. */
  limit: number;
  period: Period;
}

/**
 * Limits attached to one org, project or key, optionally for one model only. Every dimension is
 * optional; a missing one does not limit. A default policy (from the Nacos config) has an empty
 * `scopeId` and applies, separately, to every subject of its scope that has no policy of its own.
 */
export interface QuotaPolicy {
  id: string;
  scope: QuotaScope;
  scopeId: string;
  /** The organisation that owns the policy (admin access); empty for defaults. */
  orgId: string;
  /** Public model name; empty = every model. */
  model: string;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  tokenBudget?: Budget;
  costBudget?: Budget;
  maxConcurrentRequests?: number;
  failMode: FailMode;
  /** Basis points of a budget (8000 = 80%) at which a warning is published; empty = configured defaults. */
  warningThresholdsBps: number[];
  /** IANA zone in which periods reset; empty = configured default. */
  timezone: string;
  /**
   * How long a request refused only because requests in flight hold the room may wait in line for
   * it (ms; absent = refuse at once). Capped by the platform's maximum.
   */
  admissionWaitMs?: number;
  version: number;
  isDefault: boolean;
  /** Absent counts as `org` on the request path: only a policy known to be the platform's displaces a default. */
  owner?: PolicyOwner;
}

/** The limited quantities. Rate limits answer `rate_limit_exceeded`; budgets `insufficient_quota`. */
export type Dimension = "requests_per_minute" | "tokens_per_minute" | "token_budget" | "cost_budget" | "concurrent_requests";

export type Metric = "requests" | "tokens" | "cost_micros" | "concurrency";

export interface DimensionInfo {
  metric: Metric;
  kind: "rate_limit" | "budget";
}

export const DIMENSIONS: Readonly<Record<Dimension, DimensionInfo>> = {
  requests_per_minute: { metric: "requests", kind: "rate_limit" },
  tokens_per_minute: { metric: "tokens", kind: "rate_limit" },
  concurrent_requests: { metric: "concurrency", kind: "rate_limit" },
  token_budget: { metric: "tokens", kind: "budget" },
  cost_budget: { metric: "cost_micros", kind: "budget" },
};

export interface DimensionLimit {
  dimension: Dimension;
  limit: number;
  /** Absent for concurrency, which counts what is in flight now. */
  period?: Period;
}

/** Every dimension a policy sets, with its period (concurrency has none: its window is "now"). */
export function limitsOf(policy: QuotaPolicy): DimensionLimit[] {
  const limits: DimensionLimit[] = [];
  if (policy.requestsPerMinute !== undefined) limits.push({ dimension: "requests_per_minute", limit: policy.requestsPerMinute, period: { unit: "minute" } });
  if (policy.tokensPerMinute !== undefined) limits.push({ dimension: "tokens_per_minute", limit: policy.tokensPerMinute, period: { unit: "minute" } });
  if (policy.tokenBudget) limits.push({ dimension: "token_budget", ...policy.tokenBudget });
  if (policy.costBudget) limits.push({ dimension: "cost_budget", ...policy.costBudget });
  if (policy.maxConcurrentRequests !== undefined) limits.push({ dimension: "concurrent_requests", limit: policy.maxConcurrentRequests });
  return limits;
}
