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
 * A policy as an administrator writes it (admin API JSON, Nacos defaults). A cost budget's limit is
 * `limitMicros`: integer micro-units of money.
 */
export const policySpecSchema = z
  .object({
    scope: z.enum(["org", "project", "key"]),
    scopeId: z.string().max(200).default(""),
    orgId: z.string().max(200).default(""),
    model: z.string().max(200).default(""),
    requestsPerMinute: count.optional(),
    tokensPerMinute: count.optional(),
    tokenBudget: z.object({ limit: count, period }).strict().optional(),
    costBudget: z.object({ limitMicros: count, period }).strict().optional(),
    maxConcurrentRequests: count.optional(),
    failMode: z.enum(["open", "closed"]).default("closed"),
    warningThresholdsBps: thresholdsSchema.default([]),
    timezone: timezone.default(""),
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
  const costBudget: Budget | undefined = parsed.costBudget ? { limit: parsed.costBudget.limitMicros, period: parsed.costBudget.period } : undefined;
  return {
    scope: parsed.scope,
    scopeId: parsed.scopeId,
    orgId: parsed.scope === "org" && parsed.orgId === "" ? parsed.scopeId : parsed.orgId,
    model: parsed.model,
    requestsPerMinute: parsed.requestsPerMinute,
    tokensPerMinute: parsed.tokensPerMinute,
    tokenBudget: parsed.tokenBudget,
    costBudget,
    maxConcurrentRequests: parsed.maxConcurrentRequests,
    failMode: parsed.failMode,
    warningThresholdsBps: parsed.warningThresholdsBps,
    timezone: parsed.timezone,
  };
}

/** The admin API's JSON of a policy: the inverse of `parsePolicySpec`, plus id and version. */
export function policyToJson(policy: QuotaPolicy): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: policy.id,
    scope: policy.scope,
    scopeId: policy.scopeId,
    orgId: policy.orgId,
    model: policy.model,
  };
  if (policy.requestsPerMinute !== undefined) json.requestsPerMinute = policy.requestsPerMinute;
  if (policy.tokensPerMinute !== undefined) json.tokensPerMinute = policy.tokensPerMinute;
  if (policy.tokenBudget) json.tokenBudget = { limit: policy.tokenBudget.limit, period: formatPeriod(policy.tokenBudget.period) };
  if (policy.costBudget) json.costBudget = { limitMicros: policy.costBudget.limit, period: formatPeriod(policy.costBudget.period) };
  if (policy.maxConcurrentRequests !== undefined) json.maxConcurrentRequests = policy.maxConcurrentRequests;
  return { ...json, failMode: policy.failMode, warningThresholdsBps: policy.warningThresholdsBps, timezone: policy.timezone, version: policy.version, isDefault: policy.isDefault };
}

/** The id of a default policy: one per scope and model. */
export function defaultPolicyId(scope: string, model: string): string {
  return model === "" ? `default.${scope}` : `default.${scope}.${model}`;
}

/** A policy must limit something: a spec without any dimension is refused. */
export function hasAnyLimit(spec: PolicySpec): boolean {
  return [spec.requestsPerMinute, spec.tokensPerMinute, spec.tokenBudget, spec.costBudget, spec.maxConcurrentRequests].some((value) => value !== undefined);
}
