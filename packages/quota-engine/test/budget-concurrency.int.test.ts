import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readUsageStats, type QuotaEngine } from "../src/index.js";
import { SETTINGS, createTestRedis, policy, quotaFor, seededIntegers } from "./support.js";

describe("a token budget under concurrent requests from two gateway replicas", () => {
  let redis: Awaited<ReturnType<typeof createTestRedis>>;
  let replicas: QuotaEngine[];

  beforeAll(async () => {
    redis = await createTestRedis();
    replicas = [redis.engine(), redis.engine()];
  });
  afterAll(() => redis.close());

  async function run(limit: number, requests: number, usage: (estimate: number, index: number) => number) {
    const budget = policy({ scope: "project", scopeId: "proj_1", tokenBudget: { limit, period: { unit: "day" } } });
    const quota = quotaFor(budget);
    const random = seededIntegers(requests);
    const outcomes = await Promise.all(
      Array.from({ length: requests }, async (_, index) => {
        const engine = replicas[index % replicas.length]!;
        const estimate = random(50, 400);
        const decision = await engine.reserve({ quota, estimate: { tokens: estimate, costMicros: 0 }, settings: SETTINGS, requestId: `req_${index}` });
        if (decision.outcome !== "admitted") return { admitted: false, estimate, actual: 0 };
        // The upstream call, then settlement with the actual usage.
        await new Promise((resolve) => setImmediate(resolve));
        const actual = usage(estimate, index);
        await engine.settle(decision.reservation, { tokens: actual, costMicros: 0 });
        return { admitted: true, estimate, actual };
      }),
    );
    const [stats] = await readUsageStats(redis.connections[0]!, quota.plan({ tokens: 0, costMicros: 0 }, { nowMs: Date.now(), settings: SETTINGS, layout: redis.layout, holdKeyTtlMs: 60_000 }));
    return { outcomes, stats: stats! };
  }

  it("never exceeds the budget when each request uses at most what it reserved", async () => {
    const { outcomes, stats } = await run(10_000, 200, (estimate, index) => estimate - (index % 7) * 5);
    const admitted = outcomes.filter((outcome) => outcome.admitted);
    const total = admitted.reduce((sum, outcome) => sum + outcome.actual, 0);
    expect(admitted.length).toBeGreaterThan(20);
    expect(admitted.length).toBeLessThan(200);
    expect(stats.used).toBe(total);
    expect(stats.held).toBe(0);
    expect(total).toBeLessThanOrEqual(10_000);
  });

  it("exceeds it by no more than the excess over their reservations of requests that used more", async () => {
    const excessOf = (estimate: number, index: number) => (index % 10 === 0 ? Math.floor(estimate / 2) : 0);
    const { outcomes, stats } = await run(10_000, 200, (estimate, index) => estimate + excessOf(estimate, index));
    const admitted = outcomes.filter((outcome) => outcome.admitted);
    const total = admitted.reduce((sum, outcome) => sum + outcome.actual, 0);
    const excess = admitted.reduce((sum, outcome) => sum + outcome.actual - outcome.estimate, 0);
    expect(stats.used).toBe(total);
    expect(total).toBeLessThanOrEqual(10_000 + excess);
  });
});
