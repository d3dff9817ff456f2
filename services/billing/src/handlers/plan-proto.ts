import type { billingV1 } from "@llm-serve/proto";
import { planToWire, type PriceModifier, type PricePlan, type PriceRule, type Prices, type UsageQuantities, type VolumeTier } from "@llm-serve/pricing";

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

/** The wire shape is pricing's own (one conversion for billing's answers and quota's price book). */
export function planToProto(plan: PricePlan): billingV1.PricePlan {
  return planToWire(plan);
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
