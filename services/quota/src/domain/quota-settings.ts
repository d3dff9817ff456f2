import type { PriceBook } from "@llm-serve/pricing";
import { defaultPolicyId, specFromParsed, type PriceTable, type QuotaPolicy, type QuotaSettings } from "@llm-serve/quota-engine";
import type { QuotaConfig } from "../config.js";

/** The platform settings as the live configuration has them (Nacos `llm-serve.quota`), with billing's prices. */
export function settingsFromConfig(config: QuotaConfig, billing: { prices: PriceTable; priceBook: PriceBook }): QuotaSettings {
  const defaultPolicies: QuotaPolicy[] = config.QUOTA_DEFAULT_POLICIES.map((parsed) => {
    const spec = specFromParsed(parsed);
    return { ...spec, id: defaultPolicyId(spec.scope, spec.model), orgId: "", version: 1, isDefault: true };
  });
  return {
    timezone: config.QUOTA_TIMEZONE,
    warningThresholdsBps: [...config.QUOTA_WARNING_THRESHOLDS_BPS],
    prices: billing.prices,
    priceBook: billing.priceBook,
    defaultPolicies,
  };
}
