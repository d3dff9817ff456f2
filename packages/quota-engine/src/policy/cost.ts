import type { PriceTable } from "./quota-settings.js";

const ONE_MILLION = 1_000_000n;

/**
 * Cost in integer micro-units: tokens × price per million, rounded up so that a budget is never
 * under-charged. BigInt keeps the product exact whatever the magnitudes.
 */
export function costMicros(prices: PriceTable, model: string, promptTokens: number, completionTokens: number): number {
  const price = prices[model] ?? prices["*"];
  if (!price) return 0;
  const numerator = BigInt(promptTokens) * BigInt(price.promptMicrosPerMillionTokens) + BigInt(completionTokens) * BigInt(price.completionMicrosPerMillionTokens);
  return Number((numerator + ONE_MILLION - 1n) / ONE_MILLION);
}

/** Whether the table can price a model (a cost budget of an unpriced model counts nothing). */
export function isPriced(prices: PriceTable, model: string): boolean {
  return prices[model] !== undefined || prices["*"] !== undefined;
}
