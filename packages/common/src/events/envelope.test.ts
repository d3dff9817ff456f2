import { eventsV1 } from "@llm-serve/proto";
import { describe, expect, it } from "vitest";
import { encodeEvent, headersToEnvelope } from "./envelope.js";
import { ALL_TOPICS, TOPICS } from "./topics.js";

describe("event envelope", () => {
  it("puts the envelope in headers and the payload as proto3 JSON", () => {
    const event = encodeEvent(
      { topic: TOPICS.quotaExceeded, key: "pol_1", payload: eventsV1.QuotaExceeded.fromPartial({ policyId: "pol_1", limit: 10_000, used: 9_990, requested: 40 }), requestId: "req_1", time: new Date("2026-01-02T03:04:05Z") },
      { source: "quota", namespace: "" },
    );
    expect(event.topic).toBe("llmserve.quota.exceeded.v1");
    expect(event.key).toBe("pol_1");
    expect(headersToEnvelope(event.headers)).toEqual({
      eventId: event.eventId,
      eventType: "quota.exceeded",
      source: "quota",
      time: "2026-01-02T03:04:05.000Z",
      subject: "pol_1",
      schemaVersion: "1",
      requestId: "req_1",
    });
    expect(event.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(event.value)).toMatchObject({ policyId: "pol_1", limit: 10000, used: 9990, requested: 40 });
    expect(eventsV1.QuotaExceeded.fromJSON(JSON.parse(event.value)).used).toBe(9_990);
  });

  it("prefixes topics with the namespace only when one is set", () => {
    const payload = eventsV1.KeyRevoked.fromPartial({ keyId: "k" });
    expect(encodeEvent({ topic: TOPICS.keyRevoked, key: "k", payload }, { source: "s", namespace: "t1" }).topic).toBe("t1.llmserve.auth.key-revoked.v1");
  });

  it("names every topic llmserve.<domain>.<event>.v<N> with a past-tense type", () => {
    for (const topic of ALL_TOPICS) {
      expect(topic.name).toMatch(/^llmserve\.[a-z-]+\.[a-z-]+\.v\d+$/);
      expect(topic.partitions).toBeGreaterThan(0);
    }
    expect(new Set(ALL_TOPICS.map((topic) => topic.name)).size).toBe(ALL_TOPICS.length);
  });
});
