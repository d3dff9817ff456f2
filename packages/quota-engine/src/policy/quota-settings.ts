import type { PriceBook } from "@llm-serve/pricing";
import type { QuotaPolicy } from "./quota-policy.js";

/** Price of a model in integer micro-units of money per one million tokens (a summary, for views). */
export interface ModelPrice {
  promptMicrosPerMillionTokens: number;
  completionMicrosPerMillionTokens: number;
}

/** Model name → its model-level prices in force now, as billing's plans set them (read-only summary). */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/** Platform-wide quota settings (Nacos config `llm-serve.quota`, hot reloaded) and billing's prices. */
export interface QuotaSettings {
  timezone: string;
  warningThresholdsBps: number[];
  /** What admins see of the prices; cost budgets are priced with `priceBook`, never with this. */
  prices: PriceTable;
  /** Billing's plans, attachments and modifiers (ADR 0018): the only source of prices. */
  priceBook: PriceBook;
  /** Policies with an empty scope id: each applies to every subject of its scope without its own. */
  defaultPolicies: QuotaPolicy[];
}

/** What a gateway caches: every policy plus the settings, as of `version`. */
export interface PolicySnapshot {
  version: string;
  policies: QuotaPolicy[];
  settings: QuotaSettings;
}
