import { z } from "zod";

/** Answers of the quota admin routes. Limits and money are exact integers (money in micro-units). */
const count = z.number().int();
const budget = (limitName: string) => z.object({ [limitName]: count, period: z.string() });

export const quotaPolicy = z
  .object({
    object: z.literal("quota_policy"),
    id: z.string(),
    scope: z.string(),
    scope_id: z.string(),
    org_id: z.string(),
    model: z.string(),
    requests_per_minute: count.nullable(),
    tokens_per_minute: count.nullable(),
    token_budget: budget("limit").nullable(),
    cost_budget: budget("limit_micros").nullable(),
    max_concurrent_requests: count.nullable(),
    fail_mode: z.string(),
    warning_thresholds_bps: z.array(count),
    timezone: z.string(),
    version: count,
    is_default: z.boolean(),
  });

export const quotaUsage = z
  .object({
    object: z.literal("quota_usage"),
    policy_id: z.string(),
    subject_id: z.string(),
    dimension: z.string(),
    kind: z.string(),
    limit: count,
    used: count,
    held: count,
    remaining: count,
    period_start: z.string().describe("The start of the current period."),
    reset_at: z.string().describe("When the period next resets."),
  });

export const quotaSettings = z
  .object({
    object: z.literal("quota_settings"),
    version: z.string().describe("Changes whenever a policy or a setting changes."),
    timezone: z.string(),
    warning_thresholds_bps: z.array(count),
    prices: z.record(z.string(), z.object({ prompt_micros_per_million_tokens: count, completion_micros_per_million_tokens: count })),
    default_policies: z.array(quotaPolicy),
  });

export const quotaRebuild = z.object({ object: z.literal("quota_rebuild"), buckets: count, duration_ms: count });

export const deletedPolicy = z.object({ object: z.literal("quota_policy.deleted"), id: z.string(), deleted: z.literal(true) });
