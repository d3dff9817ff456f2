import { randomBytes } from "node:crypto";
import { eventsV1 } from "@llm-serve/proto";
import kafkajs from "kafkajs";
import { afterEach, describe, expect, it } from "vitest";
import { encodeEvent, type EncodedEvent } from "../src/events/envelope.js";
import type { ReceivedEvent, Subscription } from "../src/events/event-bus.js";
import { KafkaEventBus } from "../src/events/kafka-event-bus.js";
import { TOPICS, topicName, type TopicDefinition } from "../src/events/topics.js";
import { createMemoryLogger, type MemoryLogger } from "../src/logging/memory-logger.js";

// The testkit depends on this package, so the few helpers it would give are written out here.
const BROKERS = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");

async function waitFor(condition: () => boolean, description: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Usage = ReceivedEvent<eventsV1.UsageRecorded>;

/** A bus of the test's own topic namespace (usage topic, six partitions) and events for it. */
async function isolatedBus() {
  const namespace = `bat${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const logs: MemoryLogger = createMemoryLogger("batch-test", "warn");
  const bus = new KafkaEventBus({ brokers: BROKERS, clientId: `batch-test-${namespace}`, logger: logs.logger, namespace });
  await bus.ensureTopics([TOPICS.usageRecorded]);
  const events = (count: number, key: (index: number) => string = () => "one-partition"): EncodedEvent[] =>
    Array.from({ length: count }, (_, index) =>
      encodeEvent({ topic: TOPICS.usageRecorded, key: key(index), payload: eventsV1.UsageRecorded.fromPartial({ requestId: `req_${index}` }) }, { source: "test", namespace }),
    );
  return { bus, logs, events, namespace };
}

const idsOf = (events: readonly (EncodedEvent | Usage)[]) => events.map((event) => ("envelope" in event ? event.envelope.eventId : event.eventId));

describe("batch subscriptions on the Kafka event bus", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function subscribeBatch(bus: KafkaEventBus, groupId: string, handler: (events: readonly Usage[]) => Promise<void>, maxBatchSize?: number): Promise<Subscription> {
    const subscription = await bus.subscribeBatch({ groupId, topic: TOPICS.usageRecorded, fromBeginning: true, handler, ...(maxBatchSize ? { maxBatchSize } : {}) });
    cleanups.push(() => subscription.stop());
    return subscription;
  }

  it("hands events published in one go to the handler as batches of one partition each, every event at least once", async () => {
    const { bus, events } = await isolatedBus();
    cleanups.push(() => bus.close());
    const published = events(300, (index) => `key_${index % 30}`);
    await bus.publish(published);

    const batches: Usage[][] = [];
    await subscribeBatch(bus, "batches", async (received) => void batches.push([...received]));
    const distinct = () => new Set(idsOf(batches.flat()));
    await waitFor(() => distinct().size >= published.length, "every event");

    // Delivery is at-least-once (docs/events.md): a consumer restarted while the broker is busy, or a
    // produce retried after a timeout, hands some events again; consumers drop them by event id.
    expect([...distinct()].sort()).toEqual(idsOf(published).sort());
    expect(batches.flat().length).toBeLessThan(2 * published.length);
    expect(batches.length).toBeLessThan(published.length);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeGreaterThan(1);
    for (const batch of batches) {
      expect(new Set(batch.map((event) => event.partition)).size).toBe(1);
      const offsets = batch.map((event) => BigInt(event.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : 1)));
    }
    expect(batches[0]?.[0]?.payload.requestId).toMatch(/^req_\d+$/);
  });

  it("redelivers every event of a batch whose handler failed, then commits it once the handler succeeds", async () => {
    const { bus, logs, events } = await isolatedBus();
    cleanups.push(() => bus.close());
    const published = events(40);
    await bus.publish(published);

    let calls = 0;
    const failed: Usage[] = [];
    const stored: Usage[] = [];
    const first = await subscribeBatch(bus, "retrying", async (received) => {
      calls += 1;
      if (calls === 1) {
        failed.push(...received);
        throw new Error("the database is away");
      }
      stored.push(...received);
    });
    await waitFor(() => stored.length >= published.length, "every event stored");

    expect(failed.length).toBeGreaterThan(0);
    expect(idsOf(stored)).toEqual(idsOf(published));
    expect(logs.lines.some((line) => line.msg === "batch handler failed; its events come again")).toBe(true);

    // Committed: the same group, restarted, receives only what is new.
    await first.stop();
    const afterRestart: Usage[] = [];
    await subscribeBatch(bus, "retrying", async (received) => void afterRestart.push(...received));
    const later = events(1);
    await bus.publish(later);
    await waitFor(() => afterRestart.length >= 1, "the later event");
    expect(idsOf(afterRestart)).toEqual(idsOf(later));
  });

  it("loses no event when a consumer stops in the middle of a batch and the group resumes", async () => {
    const { bus, events } = await isolatedBus();
    cleanups.push(() => bus.close());
    const before = events(60);
    await bus.publish(before);

    const firstReceived: Usage[] = [];
    let stopping: Promise<void> | undefined;
    const first = await subscribeBatch(
      bus,
      "restarted",
      async (received) => {
        firstReceived.push(...received);
        // Stopping makes the bus leave the rest of the fetched batch unprocessed and uncommitted.
        stopping ??= first.stop();
      },
      5,
    );
    await waitFor(() => stopping !== undefined, "the first slice");
    await stopping;
    expect(firstReceived.length).toBeLessThan(before.length);

    const whileStopped = events(10);
    await bus.publish(whileStopped);
    const secondReceived: Usage[] = [];
    await subscribeBatch(bus, "restarted", async (received) => void secondReceived.push(...received), 5);
    const all = [...before, ...whileStopped];
    await waitFor(() => firstReceived.length + secondReceived.length >= all.length, "every event across the restart");

    expect([...idsOf(firstReceived), ...idsOf(secondReceived)]).toEqual(idsOf(all));
  });

  // Mirrors `subscribe`: kafkajs treats the SyntaxError as unrecoverable and stops the consumer.
  it("handles the events before one it cannot decode, commits them, and stops at that one without skipping it", async () => {
    const { bus, logs, events, namespace } = await isolatedBus();
    cleanups.push(() => bus.close());
    const [one, two, broken, three] = events(4);
    await bus.publish([one!, two!, { ...broken!, value: "{not json" }, three!]);

    const received: Usage[] = [];
    await subscribeBatch(bus, "poisoned", async (batch) => void received.push(...batch));
    const logged = (message: string) => logs.lines.find((line) => line.msg === message);
    await waitFor(() => logged("consumer stopped after an unrecoverable error; its partitions wait for a restart of the service") !== undefined, "the consumer to stop");

    expect(idsOf(received)).toEqual(idsOf([one!, two!]));
    expect(logged("an event could not be decoded; it is not skipped")).toMatchObject({ eventId: broken!.eventId, offset: "2" });
    expect(await committedOffsets(`${namespace}.poisoned`, topicName(TOPICS.usageRecorded as TopicDefinition<unknown>, namespace))).toContain("2");
  });
});

/** The offsets a group has committed, one per partition ("-1" where none). */
async function committedOffsets(groupId: string, topic: string): Promise<string[]> {
  const admin = new kafkajs.Kafka({ clientId: "batch-test-admin", brokers: BROKERS, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (entry?.partitions ?? []).map((partition) => partition.offset);
  } finally {
    await admin.disconnect();
  }
}
