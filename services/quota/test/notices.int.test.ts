import { TOPICS, type Redis } from "@llm-serve/common";
import { UserQuota, type QuotaEngine, type QuotaPolicy } from "@llm-serve/quota-engine";
import { captureLogs, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTICE_GROUP } from "../src/events/notice-reader.js";
import { collectEvents, messagesInTopic, policyFromProto, protoPolicy, startQuotaHarness, unsentOutboxRows, type QuotaHarness } from "./harness.js";

const SETTINGS = { timezone: "UTC", warningThresholdsBps: [8000, 9500] };

describe("warning and exceeded events, exactly once per threshold per period", () => {
  const logs = captureLogs("quota", "warn");
  let harness: QuotaHarness;
  let budget: QuotaPolicy;
  let replicas: QuotaEngine[];
  let warnings: Awaited<ReturnType<typeof collectEvents<unknown>>>;

  beforeAll(async () => {
    harness = await startQuotaHarness("qntc", logs.logger);
    const { policy } = await harness.client.createPolicy({ policy: protoPolicy({ scope: "project", scopeId: "proj_1", tokenBudget: { limit: 1_000, period: "day" } }) });
    budget = policyFromProto(policy!);
    replicas = [harness.engine(), harness.engine()];
    warnings = await collectEvents(harness, TOPICS.quotaWarning, logs.logger);
    await waitFor(() => harness.redis.exists(harness.layout.epoch), { description: "the counters are trusted" });
  });
  afterAll(async () => {
    await warnings?.close();
    await harness?.stop();
  });

  /** 40 requests of 50 tokens from two replicas at once against a 1,000-token budget. */
  async function spendConcurrently() {
    const quota = UserQuota.fromApplied([{ policy: budget, subjectId: "proj_1" }]);
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, async (_, index) => {
        const engine = replicas[index % 2]!;
        const decision = await engine.reserve({ quota, estimate: { tokens: 50, costMicros: 0 }, settings: SETTINGS, requestId: `req_${index}` });
        if (decision.outcome === "admitted") await engine.settle(decision.reservation, { tokens: 50, costMicros: 0 });
        return decision.outcome;
      }),
    );
    const admitted = outcomes.filter((outcome) => outcome === "admitted").length;
    // Refusals while the room was only held are temporary and noticed as nothing; a request once
    // every hold has settled finds the budget really spent: that is the exceeded notice.
    const late = await replicas[0]!.reserve({ quota, estimate: { tokens: 50, costMicros: 0 }, settings: SETTINGS, requestId: "req_late" });
    expect(late).toMatchObject({ outcome: "denied", denials: [{ temporary: false }] });
    return admitted;
  }

  /** Every notice handled, every event sent: what Kafka holds now is final. */
  async function drained(redis: Redis) {
    await waitFor(async () => {
      const [pending] = (await redis.xpending(harness.layout.notices, NOTICE_GROUP)) as [number];
      const groups = (await redis.xinfo("GROUPS", harness.layout.notices)) as unknown[][];
      const lag = groups.length > 0 ? Number(groups[0]![groups[0]!.indexOf("lag") + 1] ?? 0) : 1;
      return pending === 0 && lag === 0 && (await unsentOutboxRows(harness)) === 0;
    }, { description: "notices handled and outbox sent" });
  }

  it("publishes 80% and 95% once each and the first denial once, whatever the concurrency", async () => {
    expect(await spendConcurrently()).toBe(20);
    await waitFor(async () => (await messagesInTopic(harness, TOPICS.quotaWarning)) === 2 && (await messagesInTopic(harness, TOPICS.quotaExceeded)) === 1, {
      description: "two warnings and one exceeded event on Kafka",
    });
    await drained(harness.redis);
    expect(await messagesInTopic(harness, TOPICS.quotaWarning)).toBe(2);
    expect(await messagesInTopic(harness, TOPICS.quotaExceeded)).toBe(1);

    // A consumer group of its own on the shared broker: under load its first fetch can take a while.
    await waitFor(() => warnings.received.length === 2, { description: "the collector got both warnings", timeoutMs: 60_000 });
    const payloads = warnings.received.map((event) => event.payload as { thresholdBps: number; used: number; limit: number; scopeId: string; dimension: string; policyId: string });
    expect(payloads.map((payload) => payload.thresholdBps).sort()).toEqual([8000, 9500]);
    for (const payload of payloads) {
      expect(payload).toMatchObject({ policyId: budget.id, scopeId: "proj_1", dimension: "token_budget", limit: 1_000 });
      expect(payload.used).toBeGreaterThanOrEqual((payload.thresholdBps / 10_000) * 1_000);
    }
    expect(warnings.received[0]?.envelope).toMatchObject({ eventType: "quota.warning", source: "quota" });
  });

  it("publishes nothing more in the same period even when Redis forgets its markers", async () => {
    // As after a loss of Redis data: the counter's keys are gone, the trust marker is back.
    const keys = await harness.redis.keys(`${harness.layout.counterBase(budget.id, "proj_1", "token_budget")}*`);
    await harness.redis.del(...keys);
    expect(await spendConcurrently()).toBe(20);
    await waitFor(async () => (await harness.redis.xlen(harness.layout.notices)) >= 6, { description: "the crossings were noticed again" });
    await drained(harness.redis);
    expect(await harness.quota.deps.notices.count({ policyId: budget.id })).toBe(3);
    expect(await messagesInTopic(harness, TOPICS.quotaWarning)).toBe(2);
    expect(await messagesInTopic(harness, TOPICS.quotaExceeded)).toBe(1);
  });
});
