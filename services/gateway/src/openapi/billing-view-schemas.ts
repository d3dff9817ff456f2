import { z } from "zod";

/** Answers of the billing admin routes (`billing/billing-admin-views.ts`). Money: integer micro-units. */
const micros = z.number().int();
const amount = z.object({ currency: z.string(), amount_micros: micros }).strict();

const prices = z
  .object({
    input_per_million: micros,
    output_per_million: micros,
    cached_input_read_per_million: micros.optional(),
    cached_input_write_per_million: micros.optional(),
    reasoning_per_million: micros.optional(),
    embedding_per_million: micros.optional(),
    audio_micros_per_second: micros,
    micros_per_request: micros,
    images: z.array(z.object({ size: z.string(), quality: z.string(), micros_per_image: micros }).strict()),
  })
  .strict();

export const pricePlan = z
  .object({
    object: z.literal("billing.price_plan"),
    id: z.string(),
    name: z.string(),
    currency: z.string(),
    created_at: z.string(),
    versions: z.array(
      z
        .object({
          version: micros,
          effective_from: z.string(),
          created_at: z.string(),
          rules: z.array(z.object({ model: z.string(), deployment_id: z.string(), provider: z.string(), prices }).strict()),
          volume_tiers: z.array(z.object({ from_micros: micros, multiplier_ppm: micros }).strict()),
        })
        .strict(),
    ),
  })
  .strict();

export const priceModifier = z
  .object({
    object: z.literal("billing.price_modifier"),
    id: z.string(),
    scope: z.string(),
    scope_id: z.string(),
    multiplier_ppm: micros,
    effective_from: z.string(),
    created_at: z.string(),
  })
  .strict();

export const billingAccount = z.object({ object: z.literal("billing.account"), org_id: z.string(), anchor_day: micros, timezone: z.string() }).strict();

const billItem = z
  .object({
    project_id: z.string(),
    key_id: z.string(),
    model: z.string(),
    currency: z.string(),
    adjustment: z.boolean(),
    requests: micros,
    estimated_requests: micros,
    amount_micros: micros,
    kind: z.enum(["usage", "volume_tier"]).describe("`volume_tier`: the cycle's volume discount on `plan_id` (negative); `usage`: ledger lines."),
    plan_id: z.string(),
  })
  .strict();

export const bill = z
  .object({
    object: z.literal("billing.bill"),
    id: z.string(),
    org_id: z.string(),
    cycle_start: z.string(),
    cycle_end: z.string(),
    closed_at: z.string(),
    ledger_lines: micros,
    totals: z.array(amount),
    items: z.array(billItem),
  })
  .strict();

export const spend = z
  .object({
    object: z.literal("billing.spend"),
    org_id: z.string(),
    cycle_start: z.string(),
    cycle_end: z.string(),
    totals: z.array(amount),
    forecast_to_cycle_end: z.array(amount),
    items: z.array(
      z.object({ project_id: z.string(), key_id: z.string(), model: z.string(), currency: z.string(), requests: micros, amount_micros: micros, kind: z.enum(["usage", "volume_tier"]), plan_id: z.string() }).strict(),
    ),
  })
  .strict();

export const costEstimate = z
  .object({
    object: z.literal("billing.estimate"),
    model: z.string(),
    org_id: z.string().nullable().describe("Whose modifiers priced it: the caller's own organization unless a platform admin named one."),
    project_id: z.string().nullable(),
    currency: z.string(),
    amount_micros: micros,
    plan_id: z.string(),
    plan_version: micros,
    quantities: z.object({ input_tokens: micros, output_tokens: micros, embedding_tokens: micros, requests: micros }).strict(),
  })
  .strict();

export const pendingUsage = z.object({ object: z.literal("billing.pending_usage"), events: micros, oldest_received_at: z.string().nullable() }).strict();
