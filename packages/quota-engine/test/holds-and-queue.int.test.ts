import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INFRA, waitFor } from "@llm-serve/testkit";
import { readUsageStats, type QuotaEngine, type ReserveDecision, type UserQuota } from "../src/index.js";
import { SETTINGS, createTestRedis, policy, quotaFor } from "./support.js";

const DAY = { unit: "day" } as const;

describe("holds that outlive their bookkeeping, repeated settlements and the admission queue", () => {
  let redis: Awaited<ReturnType<typeof createTestRedis>>;
  let replicas: QuotaEngine[];
  let subscriber: Redis;
  const wakes: string[] = [];

  beforeAll(async () => {
    redis = await createTestRedis();
    replicas = [redis.engine(), redis.engine()];
    subscriber = new Redis(INFRA.redisUrl);
    subscriber.on("message", (_channel: string, ticket: string) => void wakes.push(ticket));
    await subscriber.subscribe(redis.layout.admissionChannel);
  });
  afterAll(async () => {
    await subscriber.quit();
    await redis.close();
  });

  const reserve = (engine: QuotaEngine, quota: UserQuota, tokens: number, extra: { reservationId?: string; waitMs?: number } = {}) =>
    engine.reserve({ quota, estimate: { tokens, costMicros: 0 }, settings: SETTINGS, requestId: `req_${tokens}`, ...extra });
  const stats = async (quota: UserQuota) => readUsageStats(redis.connections[0]!, replicas[0]!.plan({ quota, estimate: { tokens: 0, costMicros: 0 }, settings: SETTINGS, requestId: "stats" }));
  const admitted = (decision: ReserveDecision) => {
    if (decision.outcome !== "admitted") throw new Error(`expected an admission, got ${JSON.stringify({ outcome: decision.outcome })}`);
    return decision.reservation;
  };

  it("keeps a concurrency limit through a request held far longer than the bucket's ttl, and held never goes below 0", async () => {
    // Bookkeeping keys live 600 ms past their last renewal; the request runs 4 × that.
    const short = { holdTtlMs: 300, holdKeyTtlMs: 600 };
    const [longRunning, other] = [redis.engine(short), redis.engine(short)];
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", maxConcurrentRequests: 1 }));
    const first = admitted(await reserve(longRunning, quota, 1));
    const startedAt = Date.now();
    await waitFor(() => Date.now() - startedAt > 2_400, { description: "the request outlives the bucket's ttl", timeoutMs: 10_000 });
    // Before the fix the bucket expired under the live hold: this one was admitted.
    expect((await reserve(other, quota, 1)).outcome).toBe("denied");
    await longRunning.settle(first, { tokens: 1, costMicros: 0 });
    const second = admitted(await reserve(other, quota, 1));
    expect((await reserve(longRunning, quota, 1)).outcome).toBe("denied");
    await other.settle(second, { tokens: 1, costMicros: 0 });
    expect((await stats(quota))[0]).toMatchObject({ dimension: "concurrent_requests", held: 0 });
    const bucket = first.counters[0]!.keys.buckets[0]!;
    expect(Number(await redis.connections[0]!.hget(bucket, "held"))).toBe(0);
  });

  it("reads a dead gateway's lapsed hold as no longer held, before any reservation releases it", async () => {
    const dead = redis.engine({ holdTtlMs: 300 });
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", tokenBudget: { limit: 1_000, period: DAY } }));
    const lapsing = admitted(await reserve(dead, quota, 400));
    const live = admitted(await reserve(replicas[0]!, quota, 100));
    expect((await stats(quota))[0]).toMatchObject({ used: 0, held: 500, remaining: 500 });
    // The gateway dies: nobody renews its hold, which lapses on Redis's clock.
    dead.abandon(lapsing.id);
    await new Promise((resolve) => setTimeout(resolve, 600));
    // What the next reservation will see (it releases the lapsed hold first); the bucket still says 500.
    expect((await stats(quota))[0]).toMatchObject({ used: 0, held: 100, remaining: 900 });
    expect(Number(await redis.connections[0]!.hget(lapsing.counters[0]!.keys.buckets[0]!, "held"))).toBe(500);
    await replicas[0]!.settle(live, { tokens: 60, costMicros: 0 });
    expect((await stats(quota))[0]).toMatchObject({ used: 60, held: 0, remaining: 940 });
    dead.close();
  });

  it("charges a settlement sent twice once, and moves the request counter once", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", requestsPerMinute: 100, tokenBudget: { limit: 10_000, period: DAY } }));
    const reservation = admitted(await reserve(replicas[0]!, quota, 200));
    expect(await replicas[0]!.settle(reservation, { tokens: 80, costMicros: 0 })).toMatchObject({ outcome: "settled" });
    // The same settlement again, as a retry after a time-out that Redis had in fact executed.
    expect(await replicas[1]!.settle(reservation, { tokens: 80, costMicros: 0 })).toMatchObject({ outcome: "repeated" });
    const [requests, tokens] = await stats(quota);
    expect(requests).toMatchObject({ dimension: "requests_per_minute", used: 1, held: 0 });
    expect(tokens).toMatchObject({ dimension: "token_budget", used: 80, held: 0 });
  });

  it("tells a refusal by holds in flight (temporary) from a spent budget, and queues a waiter first in line", async () => {
    const budget = policy({ scope: "project", scopeId: "proj_1", tokenBudget: { limit: 1_000, period: DAY }, admissionWaitMs: 5_000 });
    const quota = quotaFor(budget);
    const first = admitted(await reserve(replicas[0]!, quota, 600));
    // 600 held, 0 used: 500 more does not fit now, but would on the settled usage.
    const refused = await reserve(replicas[1]!, quota, 500);
    expect(refused).toMatchObject({ outcome: "denied", denials: [{ temporary: true, used: 0, committed: 600 }] });
    if (refused.outcome === "denied") expect(refused.headers).toMatchObject({ "x-ratelimit-used-tokens": "0", "x-ratelimit-held-tokens": "600", "x-ratelimit-remaining-tokens": "400" });

    const queued = await reserve(replicas[1]!, quota, 500, { reservationId: "waiter", waitMs: 5_000 });
    expect(queued.outcome).toBe("queued");
    // First come, first served: a small newcomer that would fit waits behind the queue.
    expect(await reserve(replicas[0]!, quota, 100)).toMatchObject({ outcome: "denied", denials: [{ temporary: true }] });

    // The stream ends using 50: the unused part is released at once and the waiter is woken.
    await replicas[0]!.shrink(first, { tokens: 50, costMicros: 0 });
    await waitFor(() => wakes.includes("waiter"), { description: "the waiter is woken" });
    expect((await stats(quota))[0]).toMatchObject({ used: 0, held: 50 });
    const second = admitted(await reserve(replicas[1]!, quota, 500, { reservationId: "waiter", waitMs: 5_000 }));
    await replicas[0]!.settle(first, { tokens: 50, costMicros: 0 });
    await replicas[1]!.settle(second, { tokens: 500, costMicros: 0 });
    expect((await stats(quota))[0]).toMatchObject({ used: 550, held: 0 });

    // Spent: 550 used, 500 more can never fit this period. Not temporary, never queued.
    expect(await reserve(replicas[0]!, quota, 500, { waitMs: 5_000 })).toMatchObject({ outcome: "denied", denials: [{ temporary: false, used: 550 }] });
  });

  it("counts waiters against concurrency, and a waiter that leaves gives its slot and its place back", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", maxConcurrentRequests: 2, tokenBudget: { limit: 1_000, period: DAY }, admissionWaitMs: 5_000 }));
    const first = admitted(await reserve(replicas[0]!, quota, 900));
    expect((await reserve(replicas[1]!, quota, 500, { reservationId: "slot-waiter", waitMs: 5_000 })).outcome).toBe("queued");
    // One running, one waiting: the concurrency limit of 2 is reached.
    const refused = await reserve(replicas[0]!, quota, 10, { waitMs: 5_000 });
    expect(refused.outcome).toBe("denied");
    if (refused.outcome === "denied") expect(refused.denials.find((denial) => denial.counter.dimension === "concurrent_requests")).toMatchObject({ temporary: false, committed: 2 });
    await replicas[1]!.leave({ quota, estimate: { tokens: 500, costMicros: 0 }, settings: SETTINGS, requestId: "gone", reservationId: "slot-waiter" });
    expect((await stats(quota)).find((stat) => stat.dimension === "concurrent_requests")).toMatchObject({ held: 1 });
    // The queue is empty again: a request that fits is admitted.
    const small = admitted(await reserve(replicas[0]!, quota, 50));
    await replicas[0]!.settle(small, { tokens: 50, costMicros: 0 });
    await replicas[0]!.settle(first, { tokens: 900, costMicros: 0 });
    expect((await stats(quota)).map((stat) => [stat.dimension, stat.used, stat.held])).toEqual([
      ["token_budget", 950, 0],
      ["concurrent_requests", 0, 0],
    ]);
  });
});
