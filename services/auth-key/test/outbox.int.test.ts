import { createPrivateKafka, captureLogs, INFRA, uniqueId, waitFor, type PrivateKafka } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  KafkaEventBus,
  OutboxRelay,
  TOPICS,
  createDatabase,
  encodeEvent,
  enqueueEvents,
  migrateToLatest,
  outboxMigration,
  type ReceivedEvent,
} from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";

const isolation = uniqueId("obx");
const schema = `ob_${isolation}`;

function keyRevoked(keyId: string) {
  return encodeEvent<eventsV1.KeyRevoked>(
    { topic: TOPICS.keyRevoked, key: keyId, payload: { keyId, projectId: "p", orgId: "o", revokedBy: "admin", reason: "test" } },
    { source: "auth-key", namespace: isolation },
  );
}

describe("transactional outbox with the broker down", () => {
  let kafka: PrivateKafka;
  const logs = captureLogs("outbox-test", "debug");
  const db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 4 });
  let bus: KafkaEventBus;
  let relay: OutboxRelay;

  beforeAll(async () => {
    kafka = await createPrivateKafka();
    await kafka.start();
    bus = new KafkaEventBus({ brokers: kafka.brokers, clientId: "outbox-test", logger: logs.logger, namespace: isolation });
    await bus.ensureTopics([TOPICS.keyRevoked]);
    await migrateToLatest(db, schema, [outboxMigration]);
    relay = new OutboxRelay({ db, bus, logger: logs.logger, pollIntervalMs: 100, maxBackoffMs: 1_000 });
    relay.start();
  });

  afterAll(async () => {
    await relay?.stop();
    await bus?.close();
    await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await db.destroy();
    await kafka?.destroy();
  });

  it("keeps an event written while Kafka is down and delivers it once Kafka is back", async () => {
    const before = keyRevoked("key_before");
    await db.transaction((trx) => enqueueEvents(trx, [before]));
    await waitFor(async () => (await relay.pendingCount()) === 0, { description: "first event relayed" });

    await kafka.stop();
    const during = keyRevoked("key_during");
    await db.transaction((trx) => enqueueEvents(trx, [during]));
    await waitFor(() => logs.lines.some((line) => line.msg === "outbox relay could not publish; events kept"), {
      timeoutMs: 60_000,
      description: "the relay tried and failed",
    });
    expect(await relay.pendingCount()).toBe(1);

    await kafka.start();
    await waitFor(async () => (await relay.pendingCount()) === 0, { timeoutMs: 90_000, description: "the kept event relayed" });

    const received: Array<ReceivedEvent<eventsV1.KeyRevoked>> = [];
    const subscription = await bus.subscribe({
      groupId: "outbox-check",
      topic: TOPICS.keyRevoked,
      fromBeginning: true,
      handler: async (event) => void received.push(event),
    });
    try {
      await waitFor(() => received.length >= 2, { timeoutMs: 30_000, description: "both events consumed" });
      // Different keys may land on different partitions: order is promised per key only.
      expect(received.map((event) => event.envelope.eventId).sort()).toEqual([before.eventId, during.eventId].sort());
      const kept = received.find((event) => event.envelope.eventId === during.eventId);
      expect(kept?.payload).toEqual({ keyId: "key_during", projectId: "p", orgId: "o", revokedBy: "admin", reason: "test" });
      expect(kept?.envelope).toMatchObject({ eventType: "auth.key-revoked", source: "auth-key", schemaVersion: "1", subject: "key_during" });
      expect(kept?.key).toBe("key_during");
    } finally {
      await subscription.stop();
    }
  });

  it("never commits an event without its state change", async () => {
    const lost = keyRevoked("key_rolled_back");
    await expect(
      db.transaction(async (trx) => {
        await enqueueEvents(trx, [lost]);
        throw new Error("state change failed");
      }),
    ).rejects.toThrow("state change failed");
    const rows = await db("outbox").where({ event_id: lost.eventId });
    expect(rows).toHaveLength(0);
  });
});
