import { describe, expect, it } from "vitest";
import type { PriceRule, Prices } from "./price-plan.js";
import { priceQuantities, selectRule } from "./price-quantities.js";
import { NO_QUANTITIES, quantitiesFromUsage } from "./usage-quantities.js";

const prices = (overrides: Partial<Prices> = {}): Prices => ({ inputPerMillion: 2_000_000n, outputPerMillion: 8_000_000n, audioMicrosPerSecond: 0n, microsPerRequest: 0n, images: [], ...overrides });
const rule = (model: string, deploymentId = "", provider = "", input = 1n): PriceRule => ({ model, deploymentId, provider, prices: prices({ inputPerMillion: input }) });

describe("pricing one request", () => {
  it("splits cached prompt tokens and reasoning tokens out so nothing is priced twice", () => {
    const quantities = quantitiesFromUsage({ endpoint: "chat.completions", succeeded: true, promptTokens: 1_000, completionTokens: 300, cachedPromptTokens: 400, reasoningTokens: 100, audioMilliseconds: 0, images: 0 });
    expect(quantities).toMatchObject({ inputTokens: 600n, cachedInputReadTokens: 400n, outputTokens: 200n, reasoningTokens: 100n, requests: 1n });
    const amount = priceQuantities(prices({ cachedInputReadPerMillion: 500_000n, reasoningPerMillion: 10_000_000n }), quantities);
    // 600×2 + 400×0.5 + 200×8 + 100×10 = 1200 + 200 + 1600 + 1000
    expect(amount).toBe(4_000n);
  });

  it("prices embeddings at the embeddings price, audio per second, images by size and quality, and a per-request price", () => {
    const embeddings = quantitiesFromUsage({ endpoint: "embeddings", succeeded: true, promptTokens: 1_000_000, completionTokens: 0, cachedPromptTokens: 0, reasoningTokens: 0, audioMilliseconds: 0, images: 0 });
    expect(priceQuantities(prices({ embeddingPerMillion: 20_000n, microsPerRequest: 5n }), embeddings)).toBe(20_005n);
    expect(priceQuantities(prices({ audioMicrosPerSecond: 100n }), { ...NO_QUANTITIES, audioMilliseconds: 1_500n })).toBe(150n);
    const images = prices({ images: [{ size: "1024x1024", quality: "hd", microsPerImage: 80_000n }, { size: "", quality: "", microsPerImage: 40_000n }] });
    expect(priceQuantities(images, { ...NO_QUANTITIES, images: 2n, imageSize: "1024x1024", imageQuality: "hd" })).toBe(160_000n);
    expect(priceQuantities(images, { ...NO_QUANTITIES, images: 1n, imageSize: "512x512", imageQuality: "standard" })).toBe(40_000n);
  });

  it("rounds once per line, upwards, not per dimension", () => {
    // 1 token at 0.4 and 1 token at 0.4: per dimension rounding would give 2, the line gives 1.
    expect(priceQuantities(prices({ inputPerMillion: 400_000n, outputPerMillion: 400_000n }), { ...NO_QUANTITIES, inputTokens: 1n, outputTokens: 1n })).toBe(1n);
    expect(priceQuantities(prices({ inputPerMillion: 1n }), { ...NO_QUANTITIES, inputTokens: 1n })).toBe(1n);
    expect(priceQuantities(prices(), NO_QUANTITIES)).toBe(0n);
  });

  it("stays exact far beyond 2^53 in the intermediate product", () => {
    const huge = priceQuantities(prices({ inputPerMillion: 999_999_999_999n }), { ...NO_QUANTITIES, inputTokens: 9_000_000_000n });
    expect(huge).toBe((9_000_000_000n * 999_999_999_999n + 999_999n) / 1_000_000n);
  });

  it("takes the most specific matching rule", () => {
    const rules = [rule(""), rule("m"), rule("m", "", "openai"), rule("m", "dep-1"), rule("other")];
    expect(selectRule(rules, { model: "m", deploymentId: "dep-1", provider: "openai" })).toBe(rules[3]);
    expect(selectRule(rules, { model: "m", deploymentId: "dep-2", provider: "openai" })).toBe(rules[2]);
    expect(selectRule(rules, { model: "m", deploymentId: "dep-2", provider: "azure" })).toBe(rules[1]);
    expect(selectRule(rules, { model: "x", deploymentId: "", provider: "" })).toBe(rules[0]);
    expect(selectRule([rule("other")], { model: "x", deploymentId: "", provider: "" })).toBeUndefined();
  });
});

describe("modifiers", () => {
  it("multiply the exact line before its one rounding", () => {
    const quantities = { ...NO_QUANTITIES, inputTokens: 333n, outputTokens: 1n };
    const base = prices({ inputPerMillion: 3_000_000n, outputPerMillion: 5_000_000n });
    expect(priceQuantities(base, quantities, [800_000n, 1_500_000n])).toBe(1_205n);
    expect(priceQuantities(base, quantities, [1_000_000n, 1_000_000n])).toBe(1_004n);
    expect(priceQuantities(base, quantities, [0n])).toBe(0n);
  });
});
