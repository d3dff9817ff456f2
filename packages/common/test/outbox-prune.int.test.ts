import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { eventsV1 } from "@llm-serve/proto";
import { createDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrations.js";
import { encodeEvent } from "../src/events/envelope.js";
import type { EventBus } from "../src/events/event-bus.js";
import { KafkaEventBus } from "../src/events/kafka-event-bus.js";
import { OutboxRelay, enqueueEvents, outboxMigration } from "../src/events/outbox.js";
import { TOPICS } from "../src/events/topics.js";
import { createMemoryLogger } from "../src/logging/memory-logger.js";

const INFRA = { databaseUrl: process.env.DATABASE_URL ?? "postgres://llmserve:llmserve@127.0.0.1:5432/llmserve", kafkaBrokers: process.env.KAFKA_BROKERS ?? "127.0.0.1:9092" };
const isolation = `prune${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
const schema = `op_${isolation}`;

function keyRevoked(keyId: string) {
  return encodeEvent<eventsV1.KeyRevoked>({ topic: TOPICS.keyRevoked, key: keyId, payload: { keyId, projectId: "p", orgId: "o", revokedBy: "admin", reason: "test" } }, { source: "test", namespace: isolation });
}

describe("outbox retention", () => {
  const logs = createMemoryLogger("outbox-prune-test", "warn");
  const db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
  const bus: EventBus = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: "outbox-prune-test", logger: logs.logger, namespace: isolation });

  beforeAll(async () => {
    await migrateToLatest(db, schema, [outboxMigration]);
    await bus.ensureTopics([TOPICS.keyRevoked]);
  });

  afterAll(async () => {
    await bus.close();
    await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await db.destroy();
  });

  it("deletes sent rows older than the retention and keeps unsent and recent ones", async () => {
    const relay = new OutboxRelay({ db, bus, logger: logs.logger, retentionMs: 60_000 });
    await enqueueEvents(db, ["old_1", "old_2", "recent"].map(keyRevoked));
    expect(await relay.drainOnce()).toBe(3);
    // Two of them were sent two minutes ago; one row is not sent yet.
    await db("outbox").whereIn("message_key", ["old_1", "old_2"]).update({ sent_at: db.raw("now() - interval '2 minutes'") });
    await enqueueEvents(db, [keyRevoked("unsent")]);
    expect(await relay.pruneOnce()).toBe(2);
    const left: Array<{ message_key: string; sent: boolean }> = await db("outbox").select("message_key", db.raw("sent_at IS NOT NULL AS sent")).orderBy("seq");
    expect(left).toEqual([
      { message_key: "recent", sent: true },
      { message_key: "unsent", sent: false },
    ]);
    expect(await relay.pruneOnce()).toBe(0);
  });
});
