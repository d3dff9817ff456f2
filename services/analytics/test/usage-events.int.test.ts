import { KafkaEventBus, NacosClient, TOPICS, createLogger, encodeEvent } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { analyticsV1, eventsV1 } from "@llm-serve/proto";
import { INFRA, serviceTestEnv, uniqueId, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAnalytics, type RunningAnalytics } from "../src/app.js";

const isolation = uniqueId("evt");
const logger = createLogger({ service: "test", version: "test", level: "warn" });

describe("usage events across services through the real broker", () => {
  let analytics: RunningAnalytics;
  const publisher = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: "gateway-under-test", logger, namespace: isolation });
  const resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "analytics", group: isolation, logger });
  const client = createServiceClient(analyticsV1.AnalyticsServiceService, { service: "analytics", resolver, logger, idempotent: ["getUsageEvent", "getUsageSummary"] });

  beforeAll(async () => {
    analytics = await startAnalytics(serviceTestEnv(isolation, { DATABASE_SCHEMA: `an_${isolation}` }), logger);
    await analytics.consuming;
  });

  afterAll(async () => {
    client.close();
    resolver.close();
    await publisher.close();
    await analytics?.stop();
  });

  it("delivers envelope and payload intact to the analytics consumer group, once in effect", async () => {
    const payload: eventsV1.UsageRecorded = {
      requestId: "req_0123456789abcdef0123456789abcdef",
      keyId: "key_1",
      projectId: `proj_${isolation}`,
      orgId: "org_1",
      model: "gpt-4o-mini",
      deploymentId: "dep_openai_1",
      provider: "openai",
      endpoint: "chat.completions",
      usage: { promptTokens: 61, completionTokens: 17, totalTokens: 78, cachedPromptTokens: 5, reasoningTokens: 0, audioMilliseconds: 0, images: 0 },
      estimated: false,
      latencyMs: 734,
      timeToFirstTokenMs: 120,
      status: "succeeded",
      errorCode: "",
      httpStatus: 200,
      stream: true,
      startedAt: "2026-11-26T06:00:00.000Z",
      finishedAt: "2026-11-26T06:00:00.734Z",
      attempt: 1,
      served: true,
      outcome: "succeeded",
      errorType: "",
      vendorStatus: 0,
      vendorCode: "",
      finalAttempt: true,
      parameters: { messages: 2, tools: 0, maxTokens: 64, temperature: 0.2, topP: undefined, choices: 0, responseFormat: "", hasToolChoice: false },
    };
    const event = encodeEvent(
      { topic: TOPICS.usageRecorded, key: payload.keyId, payload, requestId: payload.requestId, subject: payload.requestId },
      { source: "gateway", namespace: isolation },
    );
    // At-least-once delivery may repeat an event: publish it twice on purpose.
    await publisher.publish([event]);
    await publisher.publish([event]);

    const received = await waitFor(() => client.getUsageEvent({ eventId: event.eventId }).catch(() => undefined), {
      description: "analytics stored the event",
    });
    expect(received.envelope).toEqual({
      eventId: event.eventId,
      eventType: "usage.recorded",
      source: "gateway",
      time: event.headers["event-time"],
      subject: payload.requestId,
      schemaVersion: "1",
      requestId: payload.requestId,
    });
    expect(received.usage).toEqual(payload);

    const summary = await client.getUsageSummary({ projectId: payload.projectId });
    expect(summary).toEqual({ requests: 1, promptTokens: 61, completionTokens: 17, totalTokens: 78 });
  });

  it("writes the payload as proto3 JSON that any Kafka client can read", () => {
    const json = JSON.parse(
      encodeEvent({ topic: TOPICS.usageRecorded, key: "k", payload: eventsV1.UsageRecorded.fromPartial({ requestId: "r", latencyMs: 5 }) }, { source: "s", namespace: "" }).value,
    );
    expect(json).toMatchObject({ requestId: "r", latencyMs: 5 });
  });
});
