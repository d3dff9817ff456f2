import { randomUUID } from "node:crypto";
import { KafkaEventBus, TOPICS, encodeEvent, type EncodedEvent } from "@llm-serve/common";
import { eventsV1 } from "@llm-serve/proto";
import { INFRA, captureLogs, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordUsageBatch, type UsageEvent } from "../src/domain/record-usage-batch.js";
import { startQuotaHarness, type QuotaHarness } from "./harness.js";

const TOKENS = { promptTokens: 40, completionTokens: 60, totalTokens: 100, cachedPromptTokens: 0, reasoningTokens: 0, audioMilliseconds: 0, images: 0 };

describe("the durable usage record, written one INSERT per Kafka batch", () => {
  const logs = captureLogs("quota", "warn");
  let harness: QuotaHarness;
  let publisher: KafkaEventBus;

  beforeAll(async () => {
    harness = await startQuotaHarness("qusg", logs.logger);
    publisher = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: "gateway-under-test", logger: logs.logger, namespace: harness.isolation });
    await harness.quota.consuming;
  });
  afterAll(async () => {
    await publisher?.close();
    await harness?.stop();
  });

  const usageEvent = (projectId: string, index: number, { errorCode = "", keyId = `key_${index % 12}` } = {}): EncodedEvent => {
    const payload = eventsV1.UsageRecorded.fromPartial({
      requestId: `req_${index}`, keyId, projectId, orgId: "org_1", model: "gpt-4o-mini", usage: TOKENS,
      status: errorCode ? "failed" : "succeeded", errorCode, startedAt: new Date().toISOString(),
    });
    return encodeEvent({ topic: TOPICS.usageRecorded, key: payload.keyId, payload, requestId: payload.requestId, eventId: randomUUID() }, { source: "gateway", namespace: harness.isolation });
  };
  const recorded = async (projectId: string) => {
    const [totals] = await harness.quota.deps.usage.totalsBySubject({ scope: "project", model: "", startMs: Date.now() - 3_600_000, endMs: Date.now() + 60_000, subjectIds: [projectId] });
    return totals ?? { subjectId: projectId, orgId: "", requests: 0, tokens: 0, costMicros: 0 };
  };

  it("records N events published together as N priced rows", async () => {
    const events = Array.from({ length: 500 }, (_, index) => usageEvent("proj_many", index));
    await publisher.publish(events);

    const totals = await waitFor(async () => ((await recorded("proj_many")).requests >= events.length ? recorded("proj_many") : undefined), { description: "every event recorded", timeoutMs: 30_000 });
    // No billing in this harness: no plan prices the model (priced records: billing/test/quota-prices).
    expect(totals).toEqual({ subjectId: "proj_many", orgId: "org_1", requests: 500, tokens: 500 * TOKENS.totalTokens, costMicros: 0 });
  });

  it("stores an event delivered twice, also twice in one batch, once, and skips requests refused by quota", async () => {
    // One key, one partition, in order: once the last event is in, everything before it has been handled.
    const event = (index: number, errorCode = "") => usageEvent("proj_twice", index, { errorCode, keyId: "key_twice" });
    const [first, second, limited, exceeded, last] = [event(1), event(2), event(3, "rate_limited"), event(4, "quota_exceeded"), event(5)];
    await publisher.publish([first!, first!, second!, limited!, exceeded!]);
    await publisher.publish([second!, first!]);
    await publisher.publish([last!]);

    await waitFor(async () => (await recorded("proj_twice")).requests >= 3, { description: "the last event recorded" });
    expect((await recorded("proj_twice")).requests).toBe(3);
  });

  it("counts what a batch stored, repeated and skipped (duplicates within the batch included)", async () => {
    const decoded = (event: EncodedEvent): UsageEvent => ({
      envelope: { eventId: event.eventId, eventType: "usage.recorded", source: "gateway", time: new Date().toISOString(), subject: "", schemaVersion: "1", requestId: "" },
      usage: eventsV1.UsageRecorded.fromJSON(JSON.parse(event.value)),
    });
    const [first, second, refused] = [usageEvent("proj_direct", 1), usageEvent("proj_direct", 2), usageEvent("proj_direct", 3, { errorCode: "quota_exceeded" })].map(decoded);

    expect(await recordUsageBatch(harness.quota.deps, { events: [first!, first!, second!, refused!] })).toEqual({ stored: 2, repeated: 1, refused: 1 });
    expect(await recordUsageBatch(harness.quota.deps, { events: [second!, first!] })).toEqual({ stored: 0, repeated: 2, refused: 0 });
    expect(await recordUsageBatch(harness.quota.deps, { events: [] })).toEqual({ stored: 0, repeated: 0, refused: 0 });
    expect((await recorded("proj_direct")).requests).toBe(2);
  });
});
