import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "@llm-serve/testkit";
import { cycleAt, formatResetDuration, type QuotaEngine, type ReserveDecision } from "../src/index.js";
import { SETTINGS, createTestRedis, policy, quotaFor } from "./support.js";

describe("rate limits across two gateway replicas", () => {
  let redis: Awaited<ReturnType<typeof createTestRedis>>;
  // Time is the subject here: an injected clock puts every request 5 s into one (future) minute,
  // then into the next. Keys expire by real time, so the clock stays near it.
  let nowMs = Math.floor(Date.now() / 60_000) * 60_000 + 65_000;
  let replicas: QuotaEngine[];

  beforeAll(async () => {
    redis = await createTestRedis();
    replicas = [redis.engine({ clock: () => nowMs }), redis.engine({ clock: () => nowMs })];
  });
  afterAll(() => redis.close());

  const fire = (quota: ReturnType<typeof quotaFor>, count: number, tokens = 10) =>
    Promise.all(
      Array.from({ length: count }, (_, index) =>
        replicas[index % 2]!.reserve({ quota, estimate: { tokens, costMicros: 0 }, settings: SETTINGS, requestId: `req_${index}` }),
      ),
    );
  const admittedOf = (decisions: ReserveDecision[]) => decisions.filter((decision) => decision.outcome === "admitted");

  it("admits exactly 60 requests of a 60 RPM limit in one minute window, and 60 again in the next", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", requestsPerMinute: 60 }));
    const first = await fire(quota, 100);
    expect(admittedOf(first)).toHaveLength(60);
    const denied = first.find((decision) => decision.outcome === "denied");
    expect(denied).toMatchObject({ outcome: "denied", headers: { "x-ratelimit-limit-requests": "60", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "55s" } });
    if (denied?.outcome === "denied") expect(denied.denials[0]).toMatchObject({ retryAfterSeconds: 55, counter: { dimension: "requests_per_minute", info: { kind: "rate_limit" } } });
    // Settling does not give the minute's requests back: a request counts once admitted.
    for (const decision of admittedOf(first)) if (decision.outcome === "admitted") await replicas[0]!.settle(decision.reservation, { tokens: 0, costMicros: 0 });
    expect(admittedOf(await fire(quota, 5))).toHaveLength(0);

    nowMs += 60_000;
    expect(admittedOf(await fire(quota, 100))).toHaveLength(60);
  });

  it("sends the tightest limits as x-ratelimit headers", async () => {
    const quota = quotaFor(
      policy({ scope: "org", scopeId: "org_1", requestsPerMinute: 1_000, tokensPerMinute: 50_000 }),
      policy({ scope: "key", scopeId: "key_1", requestsPerMinute: 10, tokenBudget: { limit: 2_000, period: { unit: "day" } } }),
    );
    const [decision] = await fire(quota, 1, 300);
    expect(decision?.outcome).toBe("admitted");
    if (decision?.outcome !== "admitted") return;
    expect(decision.reservation.headers).toEqual({
      "x-ratelimit-limit-requests": "10",
      "x-ratelimit-remaining-requests": "9",
      "x-ratelimit-reset-requests": "55s",
      "x-ratelimit-limit-tokens": "2000",
      "x-ratelimit-remaining-tokens": "1700",
      "x-ratelimit-reset-tokens": formatResetDuration(cycleAt("day", nowMs, "UTC").endMs - nowMs),
    });
  });

  it("holds all or nothing: a refusal by one counter holds nothing on the others", async () => {
    const roomy = policy({ scope: "org", scopeId: "org_1", tokensPerMinute: 1_000_000 });
    const tight = policy({ scope: "key", scopeId: "key_1", tokenBudget: { limit: 100, period: { unit: "month" } } });
    const [decision] = await fire(quotaFor(roomy, tight), 1, 500);
    expect(decision).toMatchObject({ outcome: "denied", denials: [{ counter: { dimension: "token_budget", info: { kind: "budget" } }, committed: 0 }] });
    const [alone] = await fire(quotaFor(roomy), 1, 500);
    expect(alone?.outcome === "admitted" && alone.reservation.headers["x-ratelimit-remaining-tokens"]).toBe(String(1_000_000 - 500));
  });

  it("settles a reservation that held zero tokens (an image or audio request) and releases its hold", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", tokensPerMinute: 1_000_000 }));
    const [decision] = await fire(quota, 1, 0);
    expect(decision?.outcome).toBe("admitted");
    if (decision?.outcome !== "admitted") return;
    // Lua's -0 was passed to HINCRBY as "-0", which Redis refuses: the settle failed and kept retrying.
    const settled = await replicas[1]!.settle(decision.reservation, { tokens: 7, costMicros: 0 });
    expect(settled).toMatchObject({ outcome: "settled", counters: [{ holdFound: true, used: 7 }] });
    const holds = await redis.connections[0]!.hlen(decision.reservation.counters[0]!.keys.holdRecords);
    expect(holds).toBe(0);
  });

  it("limits concurrent requests and frees a slot on settle", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", maxConcurrentRequests: 3 }));
    const decisions = await fire(quota, 10);
    const admitted = admittedOf(decisions);
    expect(admitted).toHaveLength(3);
    if (admitted[0]?.outcome === "admitted") await replicas[1]!.settle(admitted[0].reservation, { tokens: 5, costMicros: 0 });
    expect(admittedOf(await fire(quota, 10))).toHaveLength(1);
  });

  it("releases the holds of a replica that stopped renewing (died) once they expire, and renews live ones", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", maxConcurrentRequests: 1 }));
    const shortLived = redis.engine({ clock: () => nowMs, holdTtlMs: 400 });
    const survivor = redis.engine({ clock: () => nowMs, holdTtlMs: 400 });
    const reserve = (engine: QuotaEngine) => engine.reserve({ quota, estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: "r" });

    const kept = await reserve(survivor);
    expect(kept.outcome).toBe("admitted");
    // Renewed every third of the ttl: still held well after one ttl.
    const startedAt = Date.now();
    await waitFor(async () => Date.now() - startedAt > 1_200 && (await reserve(shortLived)).outcome === "denied", { description: "the renewed hold outlives its ttl" });
    if (kept.outcome === "admitted") survivor.abandon(kept.reservation.id);
    const released = await waitFor(async () => {
      const decision = await reserve(shortLived);
      return decision.outcome === "admitted" ? decision : undefined;
    }, { description: "the abandoned hold expires" });
    expect(Date.now() - startedAt).toBeGreaterThan(1_200);
    await shortLived.settle(released.reservation, { tokens: 1, costMicros: 0 });
  });
});
