import type { billingV1 } from "@llm-serve/proto";
import type { PriceModifier, PricePlan, PriceRule, Prices, UsageQuantities, VolumeTier } from "@llm-serve/pricing";

/** int64 arrives as a JS number (ts-proto forceLong=number): refuse fractions before BigInt does. */
function integer(value: number): bigint {
  return BigInt(Number.isSafeInteger(value) ? value : -1);
}

const optionalInteger = (value: number | undefined) => (value === undefined ? undefined : integer(value));

export function rulesFromProto(rules: readonly billingV1.PriceRule[]): PriceRule[] {
  return rules.map((rule) => ({ model: rule.model, deploymentId: rule.deploymentId, provider: rule.provider, prices: pricesFromProto(rule.prices) }));
}

export function tiersFromProto(tiers: readonly billingV1.VolumeTier[] | undefined): VolumeTier[] {
  return (tiers ?? []).map((tier) => ({ fromMicros: integer(tier.fromMicros), multiplierPpm: integer(tier.multiplierPpm) }));
}

function pricesFromProto(prices: billingV1.Prices | undefined): Prices {
  return {
    inputPerMillion: integer(prices?.inputPerMillion ?? 0),
    outputPerMillion: integer(prices?.outputPerMillion ?? 0),
    cachedInputReadPerMillion: optionalInteger(prices?.cachedInputReadPerMillion),
    cachedInputWritePerMillion: optionalInteger(prices?.cachedInputWritePerMillion),
    reasoningPerMillion: optionalInteger(prices?.reasoningPerMillion),
    embeddingPerMillion: optionalInteger(prices?.embeddingPerMillion),
    audioMicrosPerSecond: integer(prices?.audioMicrosPerSecond ?? 0),
    microsPerRequest: integer(prices?.microsPerRequest ?? 0),
    images: (prices?.images ?? []).map((image) => ({ size: image.size, quality: image.quality, microsPerImage: integer(image.microsPerImage) })),
  };
}

export function planToProto(plan: PricePlan): billingV1.PricePlan {
  return {
    id: plan.id,
    name: plan.name,
    currency: plan.currency,
    createdAt: plan.createdAt.toISOString(),
    versions: plan.versions.map((version) => ({
      version: version.version,
      effectiveFrom: version.effectiveFrom.toISOString(),
      createdAt: version.createdAt.toISOString(),
      rules: version.rules.map((rule) => ({ model: rule.model, deploymentId: rule.deploymentId, provider: rule.provider, prices: pricesToProto(rule.prices) })),
      volumeTiers: version.volumeTiers.map((tier) => ({ fromMicros: Number(tier.fromMicros), multiplierPpm: Number(tier.multiplierPpm) })),
    })),
  };
}

function pricesToProto(prices: Prices): billingV1.Prices {
  const optional = (value: bigint | undefined) => (value === undefined ? undefined : Number(value));
  return {
    inputPerMillion: Number(prices.inputPerMillion),
    outputPerMillion: Number(prices.outputPerMillion),
    cachedInputReadPerMillion: optional(prices.cachedInputReadPerMillion),
    cachedInputWritePerMillion: optional(prices.cachedInputWritePerMillion),
    reasoningPerMillion: optional(prices.reasoningPerMillion),
    embeddingPerMillion: optional(prices.embeddingPerMillion),
    audioMicrosPerSecond: Number(prices.audioMicrosPerSecond),
    microsPerRequest: Number(prices.microsPerRequest),
    images: prices.images.map((image) => ({ size: image.size, quality: image.quality, microsPerImage: Number(image.microsPerImage) })),
  };
}

export function quantitiesFromProto(quantities: billingV1.Quantities | undefined): UsageQuantities {
  const count = (value: number | undefined) => integer(value ?? 0);
  return {
    inputTokens: count(quantities?.inputTokens),
    outputTokens: count(quantities?.outputTokens),
    cachedInputReadTokens: count(quantities?.cachedInputReadTokens),
    cachedInputWriteTokens: count(quantities?.cachedInputWriteTokens),
    reasoningTokens: count(quantities?.reasoningTokens),
    embeddingTokens: count(quantities?.embeddingTokens),
    audioMilliseconds: count(quantities?.audioMilliseconds),
    images: count(quantities?.images),
    imageSize: quantities?.imageSize ?? "",
    imageQuality: quantities?.imageQuality ?? "",
    requests: count(quantities?.requests),
  };
}

export function modifierToProto(modifier: PriceModifier): billingV1.PriceModifier {
  return {
    id: modifier.id,
    scope: modifier.scope,
    scopeId: modifier.scopeId,
    multiplierPpm: Number(modifier.multiplierPpm),
    effectiveFrom: modifier.effectiveFrom.toISOString(),
    createdAt: modifier.createdAt.toISOString(),
  };
}
