import { waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuotaEngine, QuotaState, parseNotice, readUsageStats, type QuotaNotice } from "../src/index.js";
import { SETTINGS, createTestRedis, policy, quotaFor } from "./support.js";

describe("settlement, notices and lost state", () => {
  let redis: Awaited<ReturnType<typeof createTestRedis>>;
  let engine: QuotaEngine;

  beforeAll(async () => {
    redis = await createTestRedis();
    engine = redis.engine();
  });
  afterAll(() => redis.close());

  async function notices(): Promise<QuotaNotice[]> {
    const entries = await redis.connections[0]!.xrange(redis.layout.notices, "-", "+");
    return entries.map(([id, fields]) => parseNotice(id, fields)).filter((notice): notice is QuotaNotice => !(notice instanceof Error));
  }

  async function spend(quota: ReturnType<typeof quotaFor>, estimate: number, actual: number) {
    const decision = await engine.reserve({ quota, estimate: { tokens: estimate, costMicros: 0 }, settings: SETTINGS, requestId: `req_${estimate}_${actual}` });
    if (decision.outcome !== "admitted") return decision;
    return engine.settle(decision.reservation, { tokens: actual, costMicros: 0 });
  }

  const usage = async (quota: ReturnType<typeof quotaFor>) =>
    (await readUsageStats(redis.connections[0]!, quota.plan({ tokens: 0, costMicros: 0 }, { nowMs: Date.now(), settings: SETTINGS, layout: redis.layout, holdKeyTtlMs: 60_000 })))[0]!;

  it("releases the unused part of a reservation and charges the excess", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", tokenBudget: { limit: 1_000, period: { unit: "day" } } }));
    await spend(quota, 400, 100);
    expect(await usage(quota)).toMatchObject({ used: 100, held: 0, remaining: 900 });
    await spend(quota, 100, 250);
    expect(await usage(quota)).toMatchObject({ used: 350, held: 0, remaining: 650 });
  });

  it("publishes each warning threshold once per period and the first denial once", async () => {
    const budget = policy({ scope: "project", scopeId: "proj_1", tokenBudget: { limit: 1_000, period: { unit: "month" } } });
    const quota = quotaFor(budget);
    await spend(quota, 500, 500);
    await spend(quota, 400, 400); // 900: crosses 80%
    await spend(quota, 40, 40); // 940: no new threshold
    await spend(quota, 60, 60); // 1000: crosses 95%
    await spend(quota, 10, 10); // refused
    await spend(quota, 10, 10); // refused again: no second notice
    const mine = (await notices()).filter((notice) => notice.ref.policyId === budget.id);
    expect(mine.map((notice) => [notice.kind, notice.thresholdBps, notice.used])).toEqual([
      ["warning", 8000, 900],
      ["warning", 9500, 1000],
      ["exceeded", 0, 1000],
    ]);
    expect(mine[2]).toMatchObject({ requested: 10, ref: { dimension: "token_budget", limit: 1_000, subjectId: "proj_1", scope: "project" } });
    expect(mine[0]?.ref.periodStart).toMatch(/-01T00:00:00.000Z$/);
  });

  it("leaves no trace of a refusal it is told not to record; the next recorded refusal is noticed once, with its own figures", async () => {
    const budget = policy({ scope: "key", scopeId: "key_1", tokenBudget: { limit: 1_000, period: { unit: "day" } } });
    const quota = quotaFor(budget);
    const [bucket] = quota.plan({ tokens: 0, costMicros: 0 }, { nowMs: Date.now(), settings: SETTINGS, layout: redis.layout, holdKeyTtlMs: 60_000 })[0]!.keys.buckets;
    const admin = redis.connections[0]!;
    const reserve = (tokens: number, requestId: string, recordDenials?: boolean) =>
      engine.reserve({ quota, estimate: { tokens, costMicros: 0 }, settings: SETTINGS, requestId, recordDenials });
    await spend(quota, 900, 900);
    const before = await admin.hgetall(bucket!);

    const bound = await reserve(200, "req_bound", false);
    expect(bound).toMatchObject({ outcome: "denied", denials: [{ committed: 900 }] });
    expect(await admin.hgetall(bucket!)).toEqual(before);
    expect(await admin.hget(bucket!, "x")).toBeNull();
    expect((await notices()).filter((notice) => notice.ref.policyId === budget.id).map((notice) => notice.kind)).toEqual(["warning"]);

    // An admission is the same with or without recording: it holds.
    const fits = await reserve(100, "req_fits", false);
    if (fits.outcome !== "admitted") throw new Error(`not admitted: ${fits.outcome}`);
    expect(await usage(quota)).toMatchObject({ used: 900, held: 100 });
    await engine.settle(fits.reservation, { tokens: 0, costMicros: 0 });

    expect((await reserve(150, "req_exact")).outcome).toBe("denied");
    expect((await reserve(150, "req_again")).outcome).toBe("denied");
    const exceeded = (await notices()).filter((notice) => notice.ref.policyId === budget.id && notice.kind === "exceeded");
    expect(exceeded).toHaveLength(1);
    expect(exceeded[0]).toMatchObject({ requestId: "req_exact", requested: 150, used: 900 });
  });

  it("does not even create the bucket of a counter refused without recording", async () => {
    const blocked = policy({ scope: "key", scopeId: "key_1", tokenBudget: { limit: 0, period: { unit: "day" } } });
    const quota = quotaFor(blocked);
    const [bucket] = quota.plan({ tokens: 0, costMicros: 0 }, { nowMs: Date.now(), settings: SETTINGS, layout: redis.layout, holdKeyTtlMs: 60_000 })[0]!.keys.buckets;
    const reserve = (recordDenials?: boolean) => engine.reserve({ quota, estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: "req_blocked", recordDenials });
    expect((await reserve(false)).outcome).toBe("denied");
    expect(await redis.connections[0]!.exists(bucket!)).toBe(0);
    expect((await notices()).filter((notice) => notice.ref.policyId === blocked.id)).toEqual([]);
    expect((await reserve()).outcome).toBe("denied");
    expect(await redis.connections[0]!.hget(bucket!, "x")).not.toBeNull();
    expect((await notices()).filter((notice) => notice.ref.policyId === blocked.id)).toHaveLength(1);
  });

  it("charges a settlement whose hold had expired in full", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", tokenBudget: { limit: 1_000, period: { unit: "day" } } }));
    const shortLived = redis.engine({ holdTtlMs: 1 });
    const decision = await shortLived.reserve({ quota, estimate: { tokens: 300, costMicros: 0 }, settings: SETTINGS, requestId: "r" });
    if (decision.outcome !== "admitted") throw new Error("not admitted");
    shortLived.abandon(decision.reservation.id);
    // Any reserve purges expired holds; then the late settlement arrives.
    await waitFor(async () => {
      const probe = await engine.reserve({ quota, estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: "purge" });
      if (probe.outcome === "admitted") await engine.settle(probe.reservation, { tokens: 0, costMicros: 0 });
      // Purged: its record is gone (the usage read shows a lapsed hold as free even before).
      return (await redis.connections[0]!.hexists(decision.reservation.counters[0]!.keys.holdRecords, decision.reservation.id)) === 0;
    }, { description: "the hold expired and was purged" });
    const settled = await shortLived.settle(decision.reservation, { tokens: 120, costMicros: 0 });
    expect(settled.counters[0]).toMatchObject({ holdFound: false, used: 120 });
    expect(await usage(quota)).toMatchObject({ used: 120, held: 0 });
  });

  it("answers state lost, holding nothing, once Redis has lost its data", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", requestsPerMinute: 5 }));
    const state = new QuotaState(redis.connections[0]!, redis.layout);
    await state.distrust();
    expect(await engine.reserve({ quota, estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: "r" })).toEqual({ outcome: "state_lost" });
    expect((await usage(quota)).held).toBe(0);
    await state.markTrusted(Date.now());
    expect((await engine.reserve({ quota, estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: "r" })).outcome).toBe("admitted");
  });
});

describe("a Redis that comes back from an older snapshot", () => {
  it("is detected by the next script call of an engine that saw newer writes, which distrusts the counters", async () => {
    const redis = await createTestRedis();
    try {
      const rollbacks: unknown[] = [];
      const engine = redis.engine();
      const watched = new QuotaEngine({ redis: redis.connections[0]!, layout: redis.layout, onRollback: (seen, answered) => rollbacks.push({ seen, answered }) });
      const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", requestsPerMinute: 100 }));
      const reserve = (target: QuotaEngine) => target.reserve({ quota, estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: "r" });
      expect((await reserve(watched)).outcome).toBe("admitted");
      expect((await reserve(engine)).outcome).toBe("admitted");
      // The snapshot predates the last writes: the sequence is back where it was.
      await redis.connections[0]!.hset(redis.layout.epoch, "seq", 0);
      expect(await reserve(watched)).toEqual({ outcome: "state_lost" });
      expect(rollbacks).toHaveLength(1);
      expect(await new QuotaState(redis.connections[0]!, redis.layout).isTrusted()).toBe(false);
      watched.close();
    } finally {
      await redis.close();
    }
  });
});
