import { AppError } from "@llm-serve/common";
import type { billingV1 } from "@llm-serve/proto";
import { z } from "zod";

/** Integer micro-units: exact in JSON below 2^53, and never a fraction. */
const micros = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const count = micros;

const pricesSchema = z.strictObject({
  input_per_million: micros.default(0),
  output_per_million: micros.default(0),
  cached_input_read_per_million: micros.optional(),
  cached_input_write_per_million: micros.optional(),
  reasoning_per_million: micros.optional(),
  embedding_per_million: micros.optional(),
  audio_micros_per_second: micros.default(0),
  micros_per_request: micros.default(0),
  images: z.array(z.strictObject({ size: z.string().default(""), quality: z.string().default(""), micros_per_image: micros })).default([]),
});

const ruleSchema = z.strictObject({
  model: z.string().default(""),
  deployment_id: z.string().default(""),
  provider: z.string().default(""),
  prices: pricesSchema,
});

/** A graduated volume discount (ADR 0021): spend on the plan in a cycle from `from_micros` on is multiplied by `multiplier_ppm`. */
const volumeTierSchema = z.strictObject({
  from_micros: micros.describe("Where the tier starts: the org's spend on this plan in the cycle, in micro-units."),
  multiplier_ppm: z.number().int().min(0).max(1_000_000).describe("The tier's multiplier in ppm (a discount: 900000 = 10 % off that part of the spend)."),
});

export const versionSchema = z.strictObject({
  effective_from: z.iso.datetime({ offset: true }).optional(),
  rules: z.array(ruleSchema).min(1),
  volume_tiers: z
    .array(volumeTierSchema)
    .default([])
    .describe("Graduated volume discounts by the org's monthly spend on the plan, applied per cycle on its whole volume (bill and month-to-date items of kind volume_tier)."),
});

export const createPlanSchema = versionSchema.extend({ id: z.string().min(1), name: z.string().default(""), currency: z.string().regex(/^[A-Z]{3}$/) });

export const modifierSchema = z.strictObject({
  scope: z.enum(["org", "project"]),
  scope_id: z.string().min(1),
  multiplier_ppm: z.number().int().min(0).max(100_000_000),
  effective_from: z.iso.datetime({ offset: true }).optional(),
});

export const accountSchema = z.strictObject({ anchor_day: z.number().int().min(1).max(28).default(1), timezone: z.string().min(1).default("UTC") });

const quantitiesSchema = z.strictObject({
  input_tokens: count.default(0),
  output_tokens: count.default(0),
  cached_input_read_tokens: count.default(0),
  cached_input_write_tokens: count.default(0),
  reasoning_tokens: count.default(0),
  embedding_tokens: count.default(0),
  audio_seconds: count.default(0),
  images: count.default(0),
  image_size: z.string().default(""),
  image_quality: z.string().default(""),
  requests: count.default(1),
});

/** Either token counts (`usage`) or an API request body (`request`) whose tokens are counted. */
export const estimateSchema = z.strictObject({
  model: z.string().min(1),
  deployment_id: z.string().default(""),
  provider: z.string().default(""),
  usage: quantitiesSchema.optional(),
  request: z.record(z.string(), z.unknown()).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
  org_id: z.string().default(""),
  project_id: z.string().default(""),
});

/** Parses a body with a schema, naming every problem at once (OpenAI error shape, 400). */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown, what: string): z.output<Schema> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({ param: issue.path.join(".") || "body", message: issue.message }));
  throw new AppError("invalid_request", `Invalid ${what}: ${problems.map((problem) => `${problem.param}: ${problem.message}`).join("; ")}`, { details: { param: problems[0]?.param, problems } });
}

export function rulesToProto(rules: z.output<typeof versionSchema>["rules"]): billingV1.PriceRule[] {
  return rules.map((rule) => ({
    model: rule.model,
    deploymentId: rule.deployment_id,
    provider: rule.provider,
    prices: {
      inputPerMillion: rule.prices.input_per_million,
      outputPerMillion: rule.prices.output_per_million,
      cachedInputReadPerMillion: rule.prices.cached_input_read_per_million,
      cachedInputWritePerMillion: rule.prices.cached_input_write_per_million,
      reasoningPerMillion: rule.prices.reasoning_per_million,
      embeddingPerMillion: rule.prices.embedding_per_million,
      audioMicrosPerSecond: rule.prices.audio_micros_per_second,
      microsPerRequest: rule.prices.micros_per_request,
      images: rule.prices.images.map((image) => ({ size: image.size, quality: image.quality, microsPerImage: image.micros_per_image })),
    },
  }));
}

export function tiersToProto(tiers: z.output<typeof versionSchema>["volume_tiers"]): billingV1.VolumeTier[] {
  return tiers.map((tier) => ({ fromMicros: tier.from_micros, multiplierPpm: tier.multiplier_ppm }));
}

export function versionBodyToProto(body: unknown): { effectiveFrom: string; rules: billingV1.PriceRule[]; volumeTiers: billingV1.VolumeTier[] } {
  const version = parseBody(versionSchema, body, "price plan version");
  return { effectiveFrom: version.effective_from ?? "", rules: rulesToProto(version.rules), volumeTiers: tiersToProto(version.volume_tiers) };
}

export function quantitiesToProto(usage: z.output<typeof quantitiesSchema>): billingV1.Quantities {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cachedInputReadTokens: usage.cached_input_read_tokens,
    cachedInputWriteTokens: usage.cached_input_write_tokens,
    reasoningTokens: usage.reasoning_tokens,
    embeddingTokens: usage.embedding_tokens,
    audioMilliseconds: usage.audio_seconds * 1_000,
    images: usage.images,
    imageSize: usage.image_size,
    imageQuality: usage.image_quality,
    requests: usage.requests,
  };
}

/** `POST /admin/billing/cycles/close`: one org's due cycles, or every org's (empty). */
export const closeCyclesSchema = z.strictObject({ org_id: z.string().default("") });

/** The query parameters of the billing reads (the routes read them one by one; these state them). */
export const orgQuerySchema = z.object({ org_id: z.string().min(1).optional().describe("Platform admins: any organization (required for them); others: only their own, the default.") });
export const spendQuerySchema = orgQuerySchema.extend({ group_by: z.enum(["project", "key", "model"]).optional() });
export const modifierQuerySchema = z.object({ scope: z.enum(["org", "project"]).optional(), scope_id: z.string().optional() });
export const billQuerySchema = z.object({ format: z.enum(["json", "csv"]).optional().describe("`csv`: the bill's line items as a CSV file.") });
