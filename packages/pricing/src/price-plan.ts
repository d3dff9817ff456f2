import type { VolumeTier } from "./volume-tiers.js";

/** Micro-units per image of one size and quality ("" = any). */
export interface ImagePrice {
  size: string;
  quality: string;
  microsPerImage: bigint;
}

/** Token prices are micro-units per one million tokens; undefined falls back (see ADR 0018). */
export interface Prices {
  inputPerMillion: bigint;
  outputPerMillion: bigint;
  cachedInputReadPerMillion?: bigint;
  cachedInputWritePerMillion?: bigint;
  reasoningPerMillion?: bigint;
  embeddingPerMillion?: bigint;
  audioMicrosPerSecond: bigint;
  microsPerRequest: bigint;
  images: ImagePrice[];
}

/** Empty match fields match anything. */
export interface PriceRule {
  model: string;
  deploymentId: string;
  provider: string;
  prices: Prices;
}

export interface PricePlanVersion {
  version: number;
  effectiveFrom: Date;
  rules: PriceRule[];
  /** Graduated discounts by the org's cycle volume on the plan (ADR 0021); empty = none. */
  volumeTiers: VolumeTier[];
  createdAt: Date;
}

export interface PricePlan {
  id: string;
  name: string;
  currency: string;
  /** Oldest first. */
  versions: PricePlanVersion[];
  createdAt: Date;
}

/** The version in force at `at`: the latest one whose effective_from is not after it. */
export function versionInForce(plan: PricePlan, at: Date): PricePlanVersion | undefined {
  let found: PricePlanVersion | undefined;
  for (const version of plan.versions) if (version.effectiveFrom.getTime() <= at.getTime()) found = version;
  return found;
}
