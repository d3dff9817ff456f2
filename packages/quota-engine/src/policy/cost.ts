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

/**
 * The cost a reservation holds when only a token total is known: every token at the dearer of
 * the two prices, so that the estimate is an upper bound of the settled cost.
 */
export function estimateCostMicros(prices: PriceTable, model: string, tokens: number): number {
  const price = prices[model] ?? prices["*"];
  if (!price) return 0;
  const dearer = Math.max(price.promptMicrosPerMillionTokens, price.completionMicrosPerMillionTokens);
  return Number((BigInt(tokens) * BigInt(dearer) + ONE_MILLION - 1n) / ONE_MILLION);
}
