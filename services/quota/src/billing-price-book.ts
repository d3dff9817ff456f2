import type { PriceModifier, PricePlan, Prices } from "@llm-serve/pricing";
import type { billingV1 } from "@llm-serve/proto";

/**
 * Billing's plans as quota holds them (ADR 0018): what the shared `priceRequest` needs to price a
 * request exactly as billing's ledger does. Built from billing's `GetPriceSnapshot`.
 */
export interface PriceBook {
  plans: ReadonlyMap<string, PricePlan>;
  /** Model id or alias → plan id. */
  planOf: ReadonlyMap<string, string>;
  modifiers: readonly PriceModifier[];
}

export const EMPTY_PRICE_BOOK: PriceBook = { plans: new Map(), planOf: new Map(), modifiers: [] };

export function priceBookFromProto(snapshot: billingV1.GetPriceSnapshotResponse): PriceBook {
  return {
    plans: new Map(snapshot.plans.map((plan) => [plan.id, planFromProto(plan)])),
    planOf: new Map(snapshot.attachments.map((attachment) => [attachment.model, attachment.planId])),
    modifiers: snapshot.modifiers.map((modifier) => ({
      id: modifier.id,
      scope: modifier.scope === "project" ? "project" : "org",
      scopeId: modifier.scopeId,
      multiplierPpm: BigInt(modifier.multiplierPpm),
      effectiveFrom: new Date(modifier.effectiveFrom),
      createdAt: new Date(modifier.createdAt),
    })),
  };
}

function planFromProto(plan: billingV1.PricePlan): PricePlan {
  return {
    id: plan.id,
    name: plan.name,
    currency: plan.currency,
    createdAt: new Date(plan.createdAt),
    versions: plan.versions.map((version) => ({
      version: version.version,
      effectiveFrom: new Date(version.effectiveFrom),
      createdAt: new Date(version.createdAt),
      rules: version.rules.map((rule) => ({ model: rule.model, deploymentId: rule.deploymentId, provider: rule.provider, prices: pricesFromProto(rule.prices) })),
    })),
  };
}

function pricesFromProto(prices: billingV1.Prices | undefined): Prices {
  const optional = (value: number | undefined) => (value === undefined ? undefined : BigInt(value));
  return {
    inputPerMillion: BigInt(prices?.inputPerMillion ?? 0),
    outputPerMillion: BigInt(prices?.outputPerMillion ?? 0),
    cachedInputReadPerMillion: optional(prices?.cachedInputReadPerMillion),
    cachedInputWritePerMillion: optional(prices?.cachedInputWritePerMillion),
    reasoningPerMillion: optional(prices?.reasoningPerMillion),
    embeddingPerMillion: optional(prices?.embeddingPerMillion),
    audioMicrosPerSecond: BigInt(prices?.audioMicrosPerSecond ?? 0),
    microsPerRequest: BigInt(prices?.microsPerRequest ?? 0),
    images: (prices?.images ?? []).map((image) => ({ size: image.size, quality: image.quality, microsPerImage: BigInt(image.microsPerImage) })),
  };
}
