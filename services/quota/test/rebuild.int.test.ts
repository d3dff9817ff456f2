import { randomUUID } from "node:crypto";
import { KafkaEventBus, TOPICS, encodeEvent } from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";
import { UserQuota, readUsageStats, type QuotaEngine, type QuotaPolicy } from "@llm-serve/quota-engine";
import { INFRA, captureLogs, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policyFromProto, protoPolicy, startQuotaHarness, type QuotaHarness } from "./harness.js";
import { startPrivateRedis } from "./private-redis.js";

const SETTINGS = { timezone: "UTC", warningThresholdsBps: [] };

describe("rebuilding the Redis counters from the usage record in Postgres", () => {
  const logs = captureLogs("quota", "warn");
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let harness: QuotaHarness;
  let policy: QuotaPolicy;
  let engine: QuotaEngine;
  let publisher: KafkaEventBus;
  let requestCount = 0;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    harness = await startQuotaHarness("qreb", logs.logger, { REDIS_URL: redis.url });
    publisher = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: "gateway-under-test", logger: logs.logger, namespace: harness.isolation });
    const created = await harness.client.createPolicy({
      policy: protoPolicy({ scope: "project", scopeId: "proj_1", requestsPerMinute: 1_000, tokenBudget: { limit: 1_000_000, period: "rolling_days:7" } }),
    });
    policy = policyFromProto(created.policy!);
    engine = harness.engine();
    await harness.quota.consuming;
    await waitFor(() => harness.redis.exists(harness.layout.epoch), { description: "the counters are trusted" });
  });
  afterAll(async () => {
    await publisher?.close();
    await harness?.stop();
    await redis?.destroy();
  });

  const quota = () => UserQuota.fromApplied([{ policy, subjectId: "proj_1" }]);
  const counters = async () => {
    const stats = await readUsageStats(harness.redis, quota().plan({ tokens: 0, costMicros: 0 }, { nowMs: Date.now(), settings: SETTINGS, layout: harness.layout, holdKeyTtlMs: 60_000 }));
    return Object.fromEntries(stats.map((entry) => [entry.dimension, entry.used]));
  };
  const recorded = async () => {
    const [totals] = await harness.quota.deps.usage.totalsBySubject({ scope: "project", model: "", startMs: Date.now() - 86_400_000, endMs: Date.now() + 1_000, subjectIds: ["proj_1"] });
    return totals ?? { requests: 0, tokens: 0 };
  };

  /** What a gateway does per request: reserve and settle in Redis, record the usage event. */
  async function serve(requests: number) {
    await Promise.all(
      Array.from({ length: requests }, async () => {
        const requestId = `req_${(requestCount += 1)}`;
        const decision = await engine.reserve({ quota: quota(), estimate: { tokens: 200, costMicros: 0 }, settings: SETTINGS, requestId });
        if (decision.outcome !== "admitted") throw new Error(`not admitted: ${decision.outcome}`);
        const usage: eventsV1.TokenUsage = { promptTokens: 40, completionTokens: 60, totalTokens: 100, cachedPromptTokens: 0, reasoningTokens: 0, audioMilliseconds: 0, images: 0 };
        await engine.settle(decision.reservation, { tokens: usage.totalTokens, costMicros: 0 });
        const payload: eventsV1.UsageRecorded = {
          requestId, keyId: "key_1", projectId: "proj_1", orgId: "org_1", model: "llmserve-demo", deploymentId: "d", provider: "mock", endpoint: "chat.completions",
          usage, estimated: false, latencyMs: 5, timeToFirstTokenMs: 0, status: "succeeded", errorCode: "", httpStatus: 200, stream: false,
          startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), attempt: 1, served: true, outcome: "succeeded",
          errorType: "", vendorStatus: 0, vendorCode: "", finalAttempt: true, parameters: undefined,
        };
        await publisher.publish([encodeEvent({ topic: TOPICS.usageRecorded, key: payload.keyId, payload, requestId, eventId: randomUUID() }, { source: "gateway", namespace: harness.isolation })]);
      }),
    );
  }

  it("rebuilds within the check interval after Redis restarts empty, to what Postgres recorded", async () => {
    // The requests-per-minute counter is this minute's: the whole test must fit in one (CI once
    // crossed a minute between serving and reading, and read 0).
    await waitFor(() => new Date().getUTCSeconds() < 30, { timeoutMs: 40_000, intervalMs: 250, description: "room left in this minute" });
    await serve(30);
    await waitFor(async () => (await recorded()).requests === 30, { description: "the usage record caught up" });
    expect(await counters()).toEqual({ requests_per_minute: 30, token_budget: 3_000 });

    await harness.redis.flushall();
    const lostAt = Date.now();
    const decision = await engine.reserve({ quota: quota(), estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: "during" });
    expect(["state_lost", "admitted"]).toContain(decision.outcome);
    await waitFor(() => harness.redis.exists(harness.layout.epoch), { description: "the rebuild", intervalMs: 10 });
    const rebuildMs = Date.now() - lostAt;
    logs.logger.warn({ rebuildMs }, "measured rebuild after a loss");
    // The check runs every 200 ms; the rebuild reads Postgres. Under 1.2 s in earlier runs, 2.1 s
    // was seen at a load average of 17 (CI shares two cores): the bound is the check's interval plus
    // 5 s (a timed bound on a shared machine measures the machine; the figure is logged above).
    expect(rebuildMs).toBeLessThan(200 + 5_000);
    if (decision.outcome === "admitted") await engine.settle(decision.reservation, { tokens: 0, costMicros: 0 });
    const after = await counters();
    expect(after.token_budget).toBe(3_000);
    expect(after.requests_per_minute).toBeGreaterThanOrEqual(30);
  });

  it("rebuilds when Redis comes back from an older snapshot that lost acknowledged writes", async () => {
    await redis.save();
    await serve(20);
    await waitFor(async () => (await recorded()).requests === 50, { description: "the usage record caught up" });
    await redis.restartFromSnapshot();
    // The snapshot's figure — unless the rebuild watcher has already noticed the rollback and rebuilt
    // (on a loaded machine it can be quicker than this read).
    const restored = await counters().catch(() => undefined);
    expect([3_000, 5_000]).toContain(restored?.token_budget);
    // The next script call sees an older write sequence than it saw before: the counters are distrusted.
    await waitFor(async () => {
      const decision = await engine.reserve({ quota: quota(), estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: "probe" }).catch(() => undefined);
      if (decision?.outcome === "admitted") await engine.settle(decision.reservation, { tokens: 0, costMicros: 0 });
      return decision?.outcome === "state_lost" || (await counters().catch(() => undefined))?.token_budget === 5_000;
    }, { description: "the engine notices the rollback" });
    await waitFor(async () => (await counters()).token_budget === 5_000, { description: "the counters rebuilt to the record" });
  });
});
