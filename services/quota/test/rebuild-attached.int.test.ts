import { randomUUID } from "node:crypto";
import { KafkaEventBus, TOPICS, encodeEvent } from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";
import { UserQuota, readUsageStats, type QuotaEngine, type QuotaPolicy } from "@llm-serve/quota-engine";
import { INFRA, captureLogs, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policyFromProto, protoPolicy, startQuotaHarness, type QuotaHarness } from "./harness.js";
import { startPrivateRedis } from "./private-redis.js";

const SETTINGS = { timezone: "UTC", warningThresholdsBps: [] };

/**
 * Policies attached by id (`quota_policy_ids` of a key or project) count for the subject carrying
 * them, not for their own scope id: after Redis loses its data those counters must come back too.
 */
describe("rebuilding the counters of policies attached by id", () => {
  const logs = captureLogs("quota", "warn");
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let harness: QuotaHarness;
  let engine: QuotaEngine;
  let publisher: KafkaEventBus;
  let keyPolicy: QuotaPolicy;
  let projectPolicy: QuotaPolicy;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    harness = await startQuotaHarness("qrat", logs.logger, { REDIS_URL: redis.url });
    publisher = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: "gateway-under-test", logger: logs.logger, namespace: harness.isolation });
    // Owned by one key and one project of org_1, attached by id to another key and project.
    keyPolicy = policyFromProto((await harness.client.createPolicy({ policy: protoPolicy({ scope: "key", scopeId: "key_owner", requestsPerMinute: 1_000, tokenBudget: { limit: 1_000_000, period: "day" } }) })).policy!);
    projectPolicy = policyFromProto((await harness.client.createPolicy({ policy: protoPolicy({ scope: "project", scopeId: "proj_owner", tokenBudget: { limit: 1_000_000, period: "month" } }) })).policy!);
    engine = harness.engine();
    await harness.quota.consuming;
    await waitFor(() => harness.redis.exists(harness.layout.epoch), { description: "the counters are trusted" });
  });
  afterAll(async () => {
    await publisher?.close();
    await harness?.stop();
    await redis?.destroy();
  });

  // What a gateway applies to a key carrying both policies by id.
  const quota = () => UserQuota.fromApplied([{ policy: keyPolicy, subjectId: "key_carrier" }, { policy: projectPolicy, subjectId: "proj_carrier" }]);
  const counters = async () => {
    const stats = await readUsageStats(harness.redis, quota().plan({ tokens: 0, costMicros: 0 }, { nowMs: Date.now(), settings: SETTINGS, layout: harness.layout, holdKeyTtlMs: 60_000 }));
    return stats.map((entry) => `${entry.policyId === keyPolicy.id ? "key" : "project"} ${entry.subjectId} ${entry.dimension} ${entry.used}`);
  };

  it("restores the counters of the subjects that carry them after Redis lost its data", async () => {
    // A per-minute counter is part of it: keep the whole test inside one minute.
    await waitFor(() => new Date().getUTCSeconds() < 40, { timeoutMs: 30_000, intervalMs: 250, description: "room left in this minute" });
    for (let index = 0; index < 12; index += 1) {
      const requestId = `req_${index}`;
      const decision = await engine.reserve({ quota: quota(), estimate: { tokens: 200, costMicros: 0 }, settings: SETTINGS, requestId });
      if (decision.outcome !== "admitted") throw new Error(`not admitted: ${decision.outcome}`);
      const usage: eventsV1.TokenUsage = { promptTokens: 40, completionTokens: 35, totalTokens: 75, cachedPromptTokens: 0, reasoningTokens: 0, audioMilliseconds: 0, images: 0 };
      await engine.settle(decision.reservation, { tokens: usage.totalTokens, costMicros: 0 });
      const payload: eventsV1.UsageRecorded = {
        requestId, keyId: "key_carrier", projectId: "proj_carrier", orgId: "org_1", model: "llmserve-demo", deploymentId: "d", provider: "mock", endpoint: "chat.completions",
        usage, estimated: false, latencyMs: 5, timeToFirstTokenMs: 0, status: "succeeded", errorCode: "", httpStatus: 200, stream: false,
        startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), attempt: 1, served: true, outcome: "succeeded",
        errorType: "", vendorStatus: 0, vendorCode: "", finalAttempt: true, parameters: undefined,
      };
      await publisher.publish([encodeEvent({ topic: TOPICS.usageRecorded, key: payload.keyId, payload, requestId, eventId: randomUUID() }, { source: "gateway", namespace: harness.isolation })]);
    }
    const expected = ["key key_carrier requests_per_minute 12", "key key_carrier token_budget 900", "project proj_carrier token_budget 900"];
    expect(await counters()).toEqual(expected);
    await waitFor(async () => {
      const [totals] = await harness.quota.deps.usage.totalsBySubject({ scope: "key", model: "", startMs: Date.now() - 3_600_000, endMs: Date.now() + 1_000, subjectIds: ["key_carrier"] });
      return totals?.requests === 12;
    }, { description: "the usage record caught up" });

    await harness.redis.flushall();
    await waitFor(() => harness.redis.exists(harness.layout.epoch), { description: "the rebuild", intervalMs: 20 });
    // Before the fix these restarted at 0: only the policies' own subjects were rebuilt.
    expect(await counters()).toEqual(expected);
  });
});
