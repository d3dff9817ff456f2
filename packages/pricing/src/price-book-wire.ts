import { createHash } from "node:crypto";
import type { PriceBook } from "./price-book.js";
import type { PricePlan, Prices } from "./price-plan.js";

/**
 * A price book as billing's `GetPriceSnapshot` answers it and quota passes it on to the gateways
 * (structurally the proto messages: integers as numbers, times as RFC 3339 text). No transport here.
 */
export interface WirePrices {
  inputPerMillion: number;
  outputPerMillion: number;
  cachedInputReadPerMillion?: number | undefined;
  cachedInputWritePerMillion?: number | undefined;
  reasoningPerMillion?: number | undefined;
  embeddingPerMillion?: number | undefined;
  audioMicrosPerSecond: number;
  microsPerRequest: number;
  images: Array<{ size: string; quality: string; microsPerImage: number }>;
}

export interface WirePlan {
  id: string;
  name: string;
  currency: string;
  createdAt: string;
  versions: Array<{
    version: number;
    effectiveFrom: string;
    createdAt: string;
    rules: Array<{ model: string; deploymentId: string; provider: string; prices: WirePrices | undefined }>;
    volumeTiers: Array<{ fromMicros: number; multiplierPpm: number }>;
  }>;
}

export interface WirePriceBook {
  plans: WirePlan[];
  attachments: Array<{ model: string; planId: string }>;
  modifiers: Array<{ id: string; scope: string; scopeId: string; multiplierPpm: number; effectiveFrom: string; createdAt: string }>;
}

export function priceBookFromWire(wire: WirePriceBook): PriceBook {
  return {
    version: createHash("sha256").update(JSON.stringify(wire)).digest("hex").slice(0, 16),
    plans: new Map(wire.plans.map((plan) => [plan.id, planFromWire(plan)])),
    planOf: new Map(wire.attachments.map((attachment) => [attachment.model, attachment.planId])),
    modifiers: wire.modifiers.map((modifier) => ({
      id: modifier.id,
      scope: modifier.scope === "project" ? "project" : "org",
      scopeId: modifier.scopeId,
      multiplierPpm: BigInt(modifier.multiplierPpm),
      effectiveFrom: new Date(modifier.effectiveFrom),
      createdAt: new Date(modifier.createdAt),
    })),
  };
}

export function priceBookToWire(book: PriceBook): WirePriceBook {
  return {
    plans: [...book.plans.values()].map(planToWire),
    attachments: [...book.planOf].map(([model, planId]) => ({ model, planId })),
    modifiers: book.modifiers.map((modifier) => ({
      id: modifier.id,
      scope: modifier.scope,
      scopeId: modifier.scopeId,
      multiplierPpm: Number(modifier.multiplierPpm),
      effectiveFrom: modifier.effectiveFrom.toISOString(),
      createdAt: modifier.createdAt.toISOString(),
    })),
  };
}

function planFromWire(plan: WirePlan): PricePlan {
  return {
    id: plan.id,
    name: plan.name,
    currency: plan.currency,
    createdAt: new Date(plan.createdAt),
    versions: plan.versions.map((version) => ({
      version: version.version,
      effectiveFrom: new Date(version.effectiveFrom),
      createdAt: new Date(version.createdAt),
      rules: version.rules.map((rule) => ({ model: rule.model, deploymentId: rule.deploymentId, provider: rule.provider, prices: pricesFromWire(rule.prices) })),
      volumeTiers: version.volumeTiers.map((tier) => ({ fromMicros: BigInt(tier.fromMicros), multiplierPpm: BigInt(tier.multiplierPpm) })),
    })),
  };
}

/** A plan as billing's proto `PricePlan` states it (billing's handlers answer with this too). */
export function planToWire(plan: PricePlan): WirePlan {
  return {
    id: plan.id,
    name: plan.name,
    currency: plan.currency,
    createdAt: plan.createdAt.toISOString(),
    versions: plan.versions.map((version) => ({
      version: version.version,
      effectiveFrom: version.effectiveFrom.toISOString(),
      createdAt: version.createdAt.toISOString(),
      rules: version.rules.map((rule) => ({ model: rule.model, deploymentId: rule.deploymentId, provider: rule.provider, prices: pricesToWire(rule.prices) })),
      volumeTiers: version.volumeTiers.map((tier) => ({ fromMicros: Number(tier.fromMicros), multiplierPpm: Number(tier.multiplierPpm) })),
    })),
  };
}

const OPTIONAL = ["cachedInputReadPerMillion", "cachedInputWritePerMillion", "reasoningPerMillion", "embeddingPerMillion"] as const;

function pricesFromWire(prices: WirePrices | undefined): Prices {
  const result: Prices = {
    inputPerMillion: BigInt(prices?.inputPerMillion ?? 0),
    outputPerMillion: BigInt(prices?.outputPerMillion ?? 0),
    audioMicrosPerSecond: BigInt(prices?.audioMicrosPerSecond ?? 0),
    microsPerRequest: BigInt(prices?.microsPerRequest ?? 0),
    images: (prices?.images ?? []).map((image) => ({ size: image.size, quality: image.quality, microsPerImage: BigInt(image.microsPerImage) })),
  };
  for (const name of OPTIONAL) if (prices?.[name] !== undefined) result[name] = BigInt(prices[name]);
  return result;
}

function pricesToWire(prices: Prices): WirePrices {
  const result: WirePrices = {
    inputPerMillion: Number(prices.inputPerMillion),
    outputPerMillion: Number(prices.outputPerMillion),
    audioMicrosPerSecond: Number(prices.audioMicrosPerSecond),
    microsPerRequest: Number(prices.microsPerRequest),
    images: prices.images.map((image) => ({ size: image.size, quality: image.quality, microsPerImage: Number(image.microsPerImage) })),
  };
  for (const name of OPTIONAL) if (prices[name] !== undefined) result[name] = Number(prices[name]);
  return result;
}
