import { AppError } from "@llm-serve/common";
import type { PriceRule, Prices, VolumeTier } from "@llm-serve/pricing";

const PLAN_ID = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/;
const CURRENCY = /^[A-Z]{3}$/;
/** A price above this (a million currency units per unit) is a typo, and keeps every product far from overflow worries. */
const MAX_PRICE = 1_000_000_000_000n;
/** Volumes are spend in micro-units: below 2^53 they stay exact as JSON numbers. */
const MAX_VOLUME = 9_007_199_254_740_991n;

export function validatePlanId(id: string): string {
  if (!PLAN_ID.test(id)) throw invalid("id", "A plan id is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
  return id;
}

export function validateCurrency(currency: string): string {
  if (!CURRENCY.test(currency)) throw invalid("currency", "currency must be an ISO 4217 code such as USD.");
  return currency;
}

export function validateEffectiveFrom(value: string, now: Date): Date {
  const time = value === "" ? now.getTime() : Date.parse(value);
  if (!Number.isFinite(time)) throw invalid("effective_from", "effective_from must be an RFC 3339 time.");
  return new Date(time);
}

/** At least one rule, each match at most once, every price a non-negative integer below the cap. */
export function validateRules(rules: readonly PriceRule[]): PriceRule[] {
  if (rules.length === 0) throw invalid("rules", "A plan version needs at least one price rule.");
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const match = `${rule.model}\u0000${rule.deploymentId}\u0000${rule.provider}`;
    if (seen.has(match)) throw invalid(`rules[${index}]`, "Two rules match the same model, deployment and provider.");
    seen.add(match);
    validatePrices(rule.prices, `rules[${index}].prices`);
  });
  return [...rules];
}

/**
 * Volume tiers (ADR 0021): starts strictly increasing from 0 up, each multiplier a discount
 * (0..1,000,000 ppm) so that a line at the plan's price is an upper bound of what is billed (cost
 * budgets and their holds stay on the safe side).
 */
export function validateVolumeTiers(tiers: readonly VolumeTier[]): VolumeTier[] {
  tiers.forEach((tier, index) => {
    if (tier.fromMicros < 0n || tier.fromMicros > MAX_VOLUME) throw invalid(`volume_tiers[${index}].from_micros`, `from_micros must be an integer from 0 to ${MAX_VOLUME}.`);
    if (index > 0 && tier.fromMicros <= tiers[index - 1]!.fromMicros) throw invalid(`volume_tiers[${index}].from_micros`, "Tiers must start at strictly increasing volumes.");
    if (tier.multiplierPpm < 0n || tier.multiplierPpm > 1_000_000n) throw invalid(`volume_tiers[${index}].multiplier_ppm`, "A volume tier is a discount: multiplier_ppm from 0 to 1000000.");
  });
  return [...tiers];
}

function validatePrices(prices: Prices, param: string): void {
  const named: Array<[string, bigint | undefined]> = [
    ["input_per_million", prices.inputPerMillion],
    ["output_per_million", prices.outputPerMillion],
    ["cached_input_read_per_million", prices.cachedInputReadPerMillion],
    ["cached_input_write_per_million", prices.cachedInputWritePerMillion],
    ["reasoning_per_million", prices.reasoningPerMillion],
    ["embedding_per_million", prices.embeddingPerMillion],
    ["audio_micros_per_second", prices.audioMicrosPerSecond],
    ["micros_per_request", prices.microsPerRequest],
    ...prices.images.map((image, index): [string, bigint] => [`images[${index}].micros_per_image`, image.microsPerImage]),
  ];
  for (const [name, value] of named) {
    if (value !== undefined && (value < 0n || value > MAX_PRICE)) throw invalid(`${param}.${name}`, `${name} must be an integer from 0 to ${MAX_PRICE}.`);
  }
}

function invalid(param: string, message: string): AppError {
  return new AppError("invalid_request", message, { details: { param } });
}
