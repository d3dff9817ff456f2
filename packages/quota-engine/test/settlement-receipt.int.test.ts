import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readUsageStats, type QuotaEngine, type ReserveDecision, type SettlementReceipt, type UserQuota } from "../src/index.js";
import { SETTINGS, createTestRedis, policy, quotaFor } from "./support.js";

const DAY = { unit: "day" } as const;

/**
 * ADR 0039: a kept idempotent answer carries its settlement's receipt, so that the replay (on
 * another gateway) settles a request whose gateway kept the answer and died before settling it —
 * and charges nothing when that gateway did settle.
 */
describe("a settlement receipt made again by another engine", () => {
  let redis: Awaited<ReturnType<typeof createTestRedis>>;
  let dead: QuotaEngine;
  let survivor: QuotaEngine;

  beforeAll(async () => {
    redis = await createTestRedis();
    [dead, survivor] = [redis.engine(), redis.engine()];
  });
  afterAll(async () => {
    await redis.close();
  });

  const admitted = (decision: ReserveDecision) => {
    if (decision.outcome !== "admitted") throw new Error(`expected an admission, got ${decision.outcome}`);
    return decision.reservation;
  };
  const budget = () => quotaFor(policy({ scope: "key", scopeId: "key_1", tokenBudget: { limit: 10_000, period: DAY }, requestsPerMinute: 100 }));
  const stats = async (quota: UserQuota) => readUsageStats(redis.connections[0]!, survivor.plan({ quota, estimate: { tokens: 0, costMicros: 0 }, settings: SETTINGS, requestId: "stats" }));
  /** The receipt as it comes back from the kept answer: JSON. */
  const carried = (receipt: SettlementReceipt) => JSON.parse(JSON.stringify(receipt)) as SettlementReceipt;

  it("settles, once, a request whose engine made the receipt and never settled: its hold is released and its tokens counted", async () => {
    const quota = budget();
    const reservation = admitted(await dead.reserve({ quota, estimate: { tokens: 500, costMicros: 0 }, settings: SETTINGS, requestId: "req_dead" }));
    const receipt = carried(dead.receipt(reservation, { tokens: 76, costMicros: 0 }));
    dead.abandon(reservation.id);
    expect((await stats(quota)).find((stat) => stat.dimension === "token_budget")).toMatchObject({ used: 0, held: 500 });
    expect(await survivor.settleReceipt(receipt)).toBe("settled");
    expect((await stats(quota)).find((stat) => stat.dimension === "token_budget")).toMatchObject({ used: 76, held: 0 });
    expect((await stats(quota)).find((stat) => stat.dimension === "requests_per_minute")).toMatchObject({ used: 1, held: 0 });
    // A second replay of the same answer charges nothing.
    expect(await survivor.settleReceipt(receipt)).toBe("repeated");
    expect((await stats(quota)).find((stat) => stat.dimension === "token_budget")).toMatchObject({ used: 76 });
  });

  it("charges nothing more for a request its engine settled before the replay", async () => {
    const quota = budget();
    const reservation = admitted(await dead.reserve({ quota, estimate: { tokens: 500, costMicros: 0 }, settings: SETTINGS, requestId: "req_settled" }));
    const receipt = carried(dead.receipt(reservation, { tokens: 80, costMicros: 0 }));
    expect((await dead.settle(reservation, { tokens: 80, costMicros: 0 })).outcome).toBe("settled");
    expect(await survivor.settleReceipt(receipt)).toBe("repeated");
    expect((await stats(quota)).find((stat) => stat.dimension === "token_budget")).toMatchObject({ used: 80, held: 0 });
  });

  it("does not make a receipt older than the settlement marker's life (its first settlement may be forgotten)", async () => {
    const quota = budget();
    const reservation = admitted(await dead.reserve({ quota, estimate: { tokens: 100, costMicros: 0 }, settings: SETTINGS, requestId: "req_old" }));
    const receipt = carried(dead.receipt(reservation, { tokens: 90, costMicros: 0 }));
    const later = redis.engine({ clock: () => Date.now() + survivor.settleMarkerTtlMs });
    expect(await later.settleReceipt(receipt)).toBe("too_old");
    expect((await stats(quota)).find((stat) => stat.dimension === "token_budget")).toMatchObject({ used: 0 });
    await dead.settle(reservation, { tokens: 90, costMicros: 0 });
  });
});
