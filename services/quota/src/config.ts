import { baseServiceEnv, databaseEnv, redisEnv } from "@llm-serve/common";
import { defaultPolicyId, isValidTimeZone, policySpecSchema, thresholdsSchema } from "@llm-serve/quota-engine";
import { z } from "zod";

export const SERVICE_NAME = "quota";

function json<Schema extends z.ZodType>(schema: Schema) {
  return z.string().transform((text, context): z.infer<Schema> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      context.addIssue({ code: "custom", message: "not valid JSON" });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) context.addIssue({ code: "custom", message: `${issue.path.join(".") || "(root)"}: ${issue.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });
}

const defaultPoliciesSchema = z
  .array(policySpecSchema.extend({ scope_id: z.literal("", { message: "a default policy has no scope_id" }).default("") }))
  .max(20)
  .superRefine((specs, context) => {
    const ids = specs.map((spec) => defaultPolicyId(spec.scope, spec.model));
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate) context.addIssue({ code: "custom", message: `two default policies for the same scope and model (${duplicate})` });
  });

/** Generous per-key limits that put x-ratelimit headers on every response out of the box. */
const SHIPPED_DEFAULT_POLICIES = JSON.stringify([{ scope: "key", requests_per_minute: 600, tokens_per_minute: 1_000_000, fail_mode: "open" }]);

export const configSchema = baseServiceEnv.extend(databaseEnv.shape).extend(redisEnv.shape).extend({
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50052),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9452),
  DATABASE_SCHEMA: z.string().default("quota"),
  /** Prefix of every quota key in Redis (the gateways use the same); default `<EVENT_NAMESPACE or llmserve>:quota:`. */
  QUOTA_REDIS_KEY_PREFIX: z.string().min(1).optional(),
  /** Zone in which days and months reset, unless a policy names its own. Changeable at run time. */
  QUOTA_TIMEZONE: z.string().default("UTC").refine(isValidTimeZone, { message: "unknown IANA time zone" }),
  /** Budget warning thresholds in basis points, comma-separated. Changeable at run time. */
  QUOTA_WARNING_THRESHOLDS_BPS: z
    .string()
    .default("8000,9500")
    .transform((text) => (text.trim() === "" ? [] : text.split(",").map((value) => Number(value.trim()))))
    .pipe(thresholdsSchema),
  /**
   * REMOVED (ADR 0021): billing's price plans are the only source of prices. Set, it refuses to
   * start (and a Nacos document carrying it is refused), so that no operator believes it still
   * prices anything: docs/quota.md says how each entry becomes a plan.
   */
  QUOTA_MODEL_PRICES: z
    .unknown()
    .refine((value) => value === undefined, {
      message: "QUOTA_MODEL_PRICES was removed: billing's price plans are the only source of prices. Create a plan for each entry (POST /admin/billing/plans), attach it to the model (PUT /admin/models/{model}, price_plan_id), then unset it (docs/quota.md, \"Migrating from QUOTA_MODEL_PRICES\")",
    })
    .optional(),
  /** How often billing's price snapshot is re-read besides on its change events. */
  QUOTA_BILLING_PRICES_REFRESH_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** JSON array of default policies (no scopeId; at most one per scope and model). Changeable at run time. */
  QUOTA_DEFAULT_POLICIES: z.string().default(SHIPPED_DEFAULT_POLICIES).pipe(json(defaultPoliciesSchema)),
  /** How often the counters' trust markers are checked (the detection part of the rebuild bound). */
  QUOTA_REBUILD_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
});

export type QuotaConfig = z.infer<typeof configSchema>;

/** Keys a Nacos config document (`llm-serve.quota`) may change while the service runs. */
export const RELOADABLE_KEYS = [
  "LOG_LEVEL",
  "QUOTA_TIMEZONE",
  "QUOTA_WARNING_THRESHOLDS_BPS",
  // Only so that a document still carrying it is refused (it was removed, ADR 0021).
  "QUOTA_MODEL_PRICES",
  "QUOTA_DEFAULT_POLICIES",
] as const;

