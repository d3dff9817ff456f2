import type { PriceRule, Prices, VolumeTier } from "@llm-serve/pricing";

/**
 * Rules as stored in `plan_versions.rules`: integer prices as decimal strings, because a JSON
 * number past 2^53 would silently lose digits.
 */
export function rulesToJson(rules: readonly PriceRule[]): unknown {
  return rules.map((rule) => ({ model: rule.model, deployment_id: rule.deploymentId, provider: rule.provider, prices: pricesToJson(rule.prices) }));
}

export function rulesFromJson(value: unknown): PriceRule[] {
  return (value as Array<Record<string, unknown>>).map((rule) => ({
    model: String(rule.model ?? ""),
    deploymentId: String(rule.deployment_id ?? ""),
    provider: String(rule.provider ?? ""),
    prices: pricesFromJson(rule.prices as Record<string, unknown>),
  }));
}

/** Volume tiers as stored in `plan_versions.volume_tiers` (integers as decimal strings). */
export function tiersToJson(tiers: readonly VolumeTier[]): unknown {
  return tiers.map((tier) => ({ fromMicros: String(tier.fromMicros), multiplierPpm: String(tier.multiplierPpm) }));
}

export function tiersFromJson(value: unknown): VolumeTier[] {
  return ((value as Array<Record<string, unknown>> | null) ?? []).map((tier) => ({ fromMicros: BigInt(String(tier.fromMicros)), multiplierPpm: BigInt(String(tier.multiplierPpm)) }));
}

const OPTIONAL_PRICES = ["cachedInputReadPerMillion", "cachedInputWritePerMillion", "reasoningPerMillion", "embeddingPerMillion"] as const;

function pricesToJson(prices: Prices): Record<string, unknown> {
  const json: Record<string, unknown> = {
    inputPerMillion: String(prices.inputPerMillion),
    outputPerMillion: String(prices.outputPerMillion),
    audioMicrosPerSecond: String(prices.audioMicrosPerSecond),
    microsPerRequest: String(prices.microsPerRequest),
    images: prices.images.map((image) => ({ size: image.size, quality: image.quality, microsPerImage: String(image.microsPerImage) })),
  };
  for (const name of OPTIONAL_PRICES) if (prices[name] !== undefined) json[name] = String(prices[name]);
  return json;
}

function pricesFromJson(json: Record<string, unknown>): Prices {
  const prices: Prices = {
    inputPerMillion: BigInt(String(json.inputPerMillion ?? "0")),
    outputPerMillion: BigInt(String(json.outputPerMillion ?? "0")),
    audioMicrosPerSecond: BigInt(String(json.audioMicrosPerSecond ?? "0")),
    microsPerRequest: BigInt(String(json.microsPerRequest ?? "0")),
    images: ((json.images as Array<Record<string, unknown>> | undefined) ?? []).map((image) => ({
      size: String(image.size ?? ""),
      quality: String(image.quality ?? ""),
      microsPerImage: BigInt(String(image.microsPerImage ?? "0")),
    })),
  };
  for (const name of OPTIONAL_PRICES) if (json[name] !== undefined) prices[name] = BigInt(String(json[name]));
  return prices;
}
