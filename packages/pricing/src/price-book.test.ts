import { describe, expect, it } from "vitest";
import { holdBound, priceWithBook, type PriceBook } from "./price-book.js";
import type { Prices } from "./price-plan.js";

const at = new Date("2026-06-01T00:00:00Z");
const prices = (overrides: Partial<Prices>): Prices => ({ inputPerMillion: 1_000_000n, outputPerMillion: 4_000_000n, audioMicrosPerSecond: 0n, microsPerRequest: 0n, images: [], ...overrides });
const book: PriceBook = {
  version: "t",
  planOf: new Map([["m", "p"]]),
  plans: new Map([
    ["p", {
      id: "p", name: "", currency: "USD", createdAt: at,
      versions: [{
        version: 1, effectiveFrom: new Date("2026-01-01T00:00:00Z"), createdAt: at, volumeTiers: [],
        rules: [
          { model: "m", deploymentId: "", provider: "", prices: prices({ reasoningPerMillion: 9_000_000n, microsPerRequest: 500n }) },
          { model: "m", deploymentId: "dear", provider: "", prices: prices({ outputPerMillion: 12_000_000n }) },
        ],
      }],
    }],
  ]),
  modifiers: [{ id: "o", scope: "org", scopeId: "org_1", multiplierPpm: 1_500_000n, effectiveFrom: new Date("2026-01-01T00:00:00Z"), createdAt: at }],
};

describe("a cost budget's hold", () => {
  it("is the dearest token price of any rule that can match, the per-request price and the modifiers, rounded up once", () => {
    // 1,000 tokens at 12 (the dearest deployment's output) + 500 per request, × 1.5.
    expect(holdBound(book, { model: "m", orgId: "org_1", projectId: "", at, tokens: 1_000 })).toBe(18_750n);
    expect(holdBound(book, { model: "m", orgId: "org_2", projectId: "", at, tokens: 1_000 })).toBe(12_500n);
    expect(holdBound(book, { model: "unpriced", orgId: "org_1", projectId: "", at, tokens: 1 })).toBeUndefined();
    expect(holdBound(book, { model: "m", orgId: "org_1", projectId: "", at: new Date("2025-01-01T00:00:00Z"), tokens: 1 })).toBeUndefined();
  });

  it("is never below what the ledger charges a request within its token bound, on any deployment", () => {
    for (const deploymentId of ["", "dear", "other"]) {
      for (const [prompt, completion, reasoning] of [[1_000, 0, 0], [0, 1_000, 0], [0, 1_000, 1_000], [400, 600, 300]] as const) {
        const priced = priceWithBook(book, {
          model: "m", deploymentId, provider: "", orgId: "org_1", projectId: "", at,
          usage: { endpoint: "chat.completions", succeeded: true, promptTokens: prompt, completionTokens: completion, cachedPromptTokens: 0, reasoningTokens: reasoning, audioMilliseconds: 0, images: 0 },
        });
        if ("unpriced" in priced) throw new Error(priced.unpriced);
        expect(priced.amountMicros).toBeLessThanOrEqual(holdBound(book, { model: "m", orgId: "org_1", projectId: "", at, tokens: prompt + completion })!);
      }
    }
  });
});
