import { describe, expect, it } from "vitest";
import { executeWithFailover } from "./execute-with-failover.js";
import { RoutingEngine } from "./routing-engine.js";
import type { RouteCandidate } from "./route-candidate.js";

const candidates: RouteCandidate[] = ["a", "b"].map((id) => ({ id, weight: 1, priority: 0, rpm: 0, tpm: 0, healthy: true }));
const route = { model: "m", strategy: "weighted_random" as const, maxRetries: 1, candidates, fallbacks: [] };

describe("executeWithFailover", () => {
  it("retries a retryable failure on the other deployment", async () => {
    const tried: string[] = [];
    const result = await executeWithFailover(
      { engine: new RoutingEngine(), route, isRetryable: () => true, noCandidates: () => new Error("none") },
      async (candidate) => {
        tried.push(candidate.id);
        if (tried.length === 1) throw new Error("503");
        return candidate.id;
      },
    );
    expect(tried).toHaveLength(2);
    expect(result).toBe(tried[1]);
    expect(tried[0]).not.toBe(tried[1]);
  });

  it("does not retry a non-retryable failure", async () => {
    let calls = 0;
    const run = executeWithFailover({ engine: new RoutingEngine(), route, isRetryable: () => false, noCandidates: () => new Error("none") }, async () => {
      calls += 1;
      throw new Error("400");
    });
    await expect(run).rejects.toThrow("400");
    expect(calls).toBe(1);
  });
});
