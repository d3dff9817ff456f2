import { z } from "zod";
import { formatPeriod, parsePeriod, type Period } from "../period/period.js";
import { isValidTimeZone } from "../period/zoned-time.js";
import type { Budget, QuotaPolicy } from "./quota-policy.js";

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const period = z.string().transform((text, context): Period => {
  const parsed = parsePeriod(text);
  if (parsed instanceof Error) {
    context.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  return parsed;
});

const timezone = z.string().refine((value) => value === "" || isValidTimeZone(value), { message: "unknown IANA time zone" });

export const thresholdsSchema = z.array(z.number().int().min(1).max(10_000)).max(10).transform((values) => [...new Set(values)].sort((a, b) => a - b));

/**
 * A policy as an administrator writes it (admin API JSON, Nacos defaults): snake_case like the rest
 * of the admin API. A cost budget's limit is `limit_micros`: integer micro-units of money.
 */
export const policySpecSchema = z
  .object({
    scope: z.enum(["org", "project", "key"]),
    scope_id: z.string().max(200).default(""),
    org_id: z.string().max(200).default(""),
    model: z.string().max(200).default(""),
    requests_per_minute: count.optional(),
    tokens_per_minute: count.optional(),
    token_budget: z.object({ limit: count, period }).strict().optional(),
    cost_budget: z.object({ limit_micros: count, period }).strict().optional(),
    max_concurrent_requests: count.optional(),
    fail_mode: z.enum(["open", "closed"]).default("closed"),
    warning_thresholds_bps: thresholdsSchema.default([]),
    timezone: timezone.default(""),
    /** Bounded waiting for holds to settle instead of a temporary refusal (0 = off). */
    admission_wait_ms: z.number().int().min(0).max(600_000).optional(),
  })
  .strict();

export type PolicySpecInput = z.input<typeof policySpecSchema>;
export type PolicySpec = Omit<QuotaPolicy, "id" | "version" | "isDefault">;

/** Validates a written policy; throws a ZodError listing every problem. */
export function parsePolicySpec(input: unknown): PolicySpec {
  return specFromParsed(policySpecSchema.parse(input));
}

/** The domain form of an already validated spec. */
export function specFromParsed(parsed: z.output<typeof policySpecSchema>): PolicySpec {
  const costBudget: Budget | undefined = parsed.cost_budget ? { limit: parsed.cost_budget.limit_micros, period: parsed.cost_budget.period } : undefined;
  return {
    scope: parsed.scope,
    scopeId: parsed.scope_id,
    orgId: parsed.scope === "org" && parsed.org_id === "" ? parsed.scope_id : parsed.org_id,
    model: parsed.model,
    requestsPerMinute: parsed.requests_per_minute,
    tokensPerMinute: parsed.tokens_per_minute,
    tokenBudget: parsed.token_budget,
    costBudget,
    maxConcurrentRequests: parsed.max_concurrent_requests,
    failMode: parsed.fail_mode,
    warningThresholdsBps: parsed.warning_thresholds_bps,
    timezone: parsed.timezone,
    admissionWaitMs: parsed.admission_wait_ms || undefined,
  };
}

/** The written form of a policy (the inverse of `parsePolicySpec`), without id or version. */
export function policyToSpecInput(policy: PolicySpec): PolicySpecInput {
  const written: PolicySpecInput = { scope: policy.scope, scope_id: policy.scopeId, org_id: policy.orgId, model: policy.model };
  if (policy.requestsPerMinute !== undefined) written.requests_per_minute = policy.requestsPerMinute;
  if (policy.tokensPerMinute !== undefined) written.tokens_per_minute = policy.tokensPerMinute;
  if (policy.tokenBudget) written.token_budget = { limit: policy.tokenBudget.limit, period: formatPeriod(policy.tokenBudget.period) };
  if (policy.costBudget) written.cost_budget = { limit_micros: policy.costBudget.limit, period: formatPeriod(policy.costBudget.period) };
  if (policy.maxConcurrentRequests !== undefined) written.max_concurrent_requests = policy.maxConcurrentRequests;
  if (policy.admissionWaitMs !== undefined) written.admission_wait_ms = policy.admissionWaitMs;
  return { ...written, fail_mode: policy.failMode, warning_thresholds_bps: policy.warningThresholdsBps, timezone: policy.timezone };
}

/** The admin API's JSON of a policy. */
export function policyToJson(policy: QuotaPolicy): Record<string, unknown> {
  return { object: "quota_policy", id: policy.id, ...policyToSpecInput(policy), version: policy.version, is_default: policy.isDefault };
}

/** The id of a default policy: one per scope and model. */
export function defaultPolicyId(scope: string, model: string): string {
  return model === "" ? `default.${scope}` : `default.${scope}.${model}`;
}

/** A policy must limit something: a spec without any dimension is refused. */
export function hasAnyLimit(spec: PolicySpec): boolean {
  return [spec.requestsPerMinute, spec.tokensPerMinute, spec.tokenBudget, spec.costBudget, spec.maxConcurrentRequests].some((value) => value !== undefined);
}
