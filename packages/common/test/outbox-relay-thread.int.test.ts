// The built package: the relay thread loads its compiled entry (dist), as services do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { eventsV1 } from "@llm-serve/proto";
import {
  KafkaEventBus,
  OutboxRelayThread,
  TOPICS,
  createDatabase,
  encodeEvent,
  enqueueEvents,
  migrateToLatest,
  outboxMigration,
  createMemoryLogger,
  type Subscription,
} from "../dist/index.js";

// (common cannot use the testkit, which depends on it)
const INFRA = { databaseUrl: process.env.DATABASE_URL ?? "postgres://llmserve:llmserve@127.0.0.1:5432/llmserve", kafkaBrokers: process.env.KAFKA_BROKERS ?? "127.0.0.1:9092" };
const uniqueId = (prefix: string) => `${prefix}${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
async function waitFor<T>(condition: () => T | Promise<T>, options: { description: string; timeoutMs?: number }): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${options.description}`);
}

const isolation = uniqueId("relaythread");
const schema = `rt_${isolation}`;

function keyRevoked(keyId: string) {
  return encodeEvent<eventsV1.KeyRevoked>({ topic: TOPICS.keyRevoked, key: keyId, payload: { keyId, projectId: "p", orgId: "o", revokedBy: "admin", reason: "test" } }, { source: "test", namespace: isolation });
}

describe("the outbox relay on its own thread", () => {
  const logs = createMemoryLogger("relay-thread-test", "info");
  const db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
  const bus = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: "relay-thread-test", logger: logs.logger, namespace: isolation });
  const received: string[] = [];
  let subscription: Subscription;
  let relay: OutboxRelayThread;

  beforeAll(async () => {
    await migrateToLatest(db, schema, [outboxMigration]);
    await bus.ensureTopics([TOPICS.keyRevoked]);
    subscription = await bus.subscribe({ groupId: "relay-thread-reader", topic: TOPICS.keyRevoked, handler: async (event) => void received.push(event.payload.keyId) });
    await subscription.ready;
    relay = await OutboxRelayThread.start({
      database: { url: INFRA.databaseUrl, schema },
      kafka: { brokers: [INFRA.kafkaBrokers], clientId: "relay-thread", namespace: isolation },
      log: { service: "relay-thread-test", version: "test", level: "warn", bindings: {} },
      logger: logs.logger,
      pollIntervalMs: 5_000,
    });
  }, 60_000);

  afterAll(async () => {
    await relay?.stop();
    await subscription?.stop();
    await bus.close();
    await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await db.destroy();
  });

  const unsent = async () => Number((await db("outbox").whereNull("sent_at").count<{ count: number }[]>({ count: "*" }))[0]?.count);

  it("publishes what the outbox holds when kicked, and marks it sent", async () => {
    await enqueueEvents(db, ["key_a", "key_b", "key_c"].map(keyRevoked));
    // The thread polls every 5 s here: a delivery well before that came from the kick.
    const kickedAt = Date.now();
    relay.kick();
    await waitFor(() => received.length >= 3, { description: "three events on Kafka", timeoutMs: 20_000 });
    expect(Date.now() - kickedAt).toBeLessThan(4_000);
    expect([...received].sort()).toEqual(["key_a", "key_b", "key_c"]);
    await waitFor(async () => (await unsent()) === 0, { description: "rows marked sent" });
  });

  it("stops in order, and a new thread sends what was written meanwhile", async () => {
    await relay.stop();
    await enqueueEvents(db, [keyRevoked("key_after_stop")]);
    // Stopped: nothing leaves.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).not.toContain("key_after_stop");
    expect(await unsent()).toBe(1);
    relay = await OutboxRelayThread.start({
      database: { url: INFRA.databaseUrl, schema },
      kafka: { brokers: [INFRA.kafkaBrokers], clientId: "relay-thread-2", namespace: isolation },
      log: { service: "relay-thread-test", version: "test", level: "warn", bindings: {} },
      logger: logs.logger,
      pollIntervalMs: 100,
    });
    await waitFor(() => received.includes("key_after_stop"), { description: "the event written while stopped", timeoutMs: 20_000 });
    await waitFor(async () => (await unsent()) === 0, { description: "rows marked sent" });
  });
});
