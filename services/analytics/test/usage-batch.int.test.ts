import { randomUUID } from "node:crypto";
import { KafkaEventBus, NacosClient, TOPICS, createDatabase, createLogger, encodeEvent, headersToEnvelope, type EncodedEvent, type Knex } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { analyticsV1, eventsV1 } from "@llm-serve/proto";
import { INFRA, serviceTestEnv, uniqueId, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAnalytics, type RunningAnalytics } from "../src/app.js";
import { recordUsageBatch } from "../src/domain/record-usage-batch.js";
import type { StoredUsageEvent } from "../src/domain/usage-event.js";
import { UsageStore } from "../src/store/usage-store.js";

const isolation = uniqueId("anb");
const schema = `an_${isolation}`;
const logger = createLogger({ service: "test", version: "test", level: "warn" });
const TOKENS = { promptTokens: 40, completionTokens: 60, totalTokens: 100, cachedPromptTokens: 0, reasoningTokens: 0, audioMilliseconds: 0, images: 0 };

describe("usage events stored one INSERT per Kafka batch", () => {
  let analytics: RunningAnalytics;
  let db: Knex;
  const publisher = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: "gateway-under-test", logger, namespace: isolation });
  const resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "analytics", group: isolation, logger });
  const client = createServiceClient(analyticsV1.AnalyticsServiceService, { service: "analytics", resolver, logger, idempotent: ["getUsageEvent", "getUsageSummary"] });

  beforeAll(async () => {
    analytics = await startAnalytics(serviceTestEnv(isolation, { DATABASE_SCHEMA: schema }), logger);
    await analytics.consuming;
    db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
  });
  afterAll(async () => {
    client.close();
    resolver.close();
    await publisher.close();
    await db?.destroy();
    await analytics?.stop();
  });

  const usageEvent = (projectId: string, index: number, keyId = `key_${index % 12}`): EncodedEvent => {
    const payload = eventsV1.UsageRecorded.fromPartial({ requestId: `req_${index}`, keyId, projectId, orgId: "org_1", model: "gpt-4o-mini", usage: TOKENS, status: "succeeded" });
    return encodeEvent({ topic: TOPICS.usageRecorded, key: keyId, payload, requestId: payload.requestId, eventId: randomUUID() }, { source: "gateway", namespace: isolation });
  };
  const requests = async (projectId: string) => (await client.getUsageSummary({ projectId })).requests;

  it("stores N events published together as N rows", async () => {
    const events = Array.from({ length: 500 }, (_, index) => usageEvent(`proj_many_${isolation}`, index));
    await publisher.publish(events);

    await waitFor(async () => (await requests(`proj_many_${isolation}`)) >= events.length, { description: "every event stored", timeoutMs: 30_000 });
    expect(await client.getUsageSummary({ projectId: `proj_many_${isolation}` })).toEqual({ requests: 500, promptTokens: 500 * 40, completionTokens: 500 * 60, totalTokens: 500 * 100 });
  });

  it("stores an event delivered twice, also twice in one batch, once", async () => {
    // One key, one partition, in order: once the last event is in, everything before it has been handled.
    const projectId = `proj_twice_${isolation}`;
    const [first, second, last] = [1, 2, 3].map((index) => usageEvent(projectId, index, "key_twice"));
    await publisher.publish([first!, first!, second!]);
    await publisher.publish([second!, first!]);
    await publisher.publish([last!]);

    await waitFor(() => client.getUsageEvent({ eventId: last!.eventId }).catch(() => undefined), { description: "the last event stored" });
    expect(await requests(projectId)).toBe(3);
  });

  it("counts what a batch stored and what it repeated (duplicates within the batch included)", async () => {
    const projectId = `proj_direct_${isolation}`;
    const decoded = (event: EncodedEvent): StoredUsageEvent => ({ envelope: headersToEnvelope(event.headers), usage: eventsV1.UsageRecorded.fromJSON(JSON.parse(event.value)) });
    const [first, second] = [usageEvent(projectId, 1), usageEvent(projectId, 2)].map(decoded);
    const deps = { usage: new UsageStore(db), logger };

    expect(await recordUsageBatch(deps, { events: [first!, first!, second!] })).toEqual({ stored: 2, repeated: 1 });
    expect(await recordUsageBatch(deps, { events: [second!, first!] })).toEqual({ stored: 0, repeated: 2 });
    expect(await recordUsageBatch(deps, { events: [] })).toEqual({ stored: 0, repeated: 0 });
    expect(await requests(projectId)).toBe(2);
    expect((await client.getUsageEvent({ eventId: first!.envelope.eventId })).envelope).toEqual(first!.envelope);
  });
});
