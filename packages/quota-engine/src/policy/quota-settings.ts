import type { QuotaPolicy } from "./quota-policy.js";

/** Price of a model in integer micro-units of money per one million tokens. */
export interface ModelPrice {
  promptMicrosPerMillionTokens: number;
  completionMicrosPerMillionTokens: number;
}

/** Model name → price; the entry `*` prices every model not listed. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/** Platform-wide quota settings (Nacos config `llm-serve.quota`, hot reloaded). */
export interface QuotaSettings {
  timezone: string;
  warningThresholdsBps: number[];
  prices: PriceTable;
  /** Policies with an empty scope id: each applies to every subject of its scope without its own. */
  defaultPolicies: QuotaPolicy[];
}

/** What a gateway caches: every policy plus the settings, as of `version`. */
export interface PolicySnapshot {
  version: string;
  policies: QuotaPolicy[];
  settings: QuotaSettings;
}
