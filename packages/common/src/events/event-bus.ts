import type { EncodedEvent, EventEnvelope } from "./envelope.js";
import type { TopicDefinition } from "./topics.js";

export interface ReceivedEvent<T> {
  envelope: EventEnvelope;
  key: string | null;
  payload: T;
  topic: string;
  partition: number;
  offset: string;
}

export interface SubscribeOptions<T> {
  groupId: string;
  topic: TopicDefinition<T>;
  /**
   * Called at least once per event. Throwing leaves the offset uncommitted, so the event comes
   * again: handlers make their effect idempotent with `envelope.eventId`.
   */
  handler: (event: ReceivedEvent<T>) => Promise<void>;
  fromBeginning?: boolean;
}

export interface SubscribeBatchOptions<T> extends Omit<SubscribeOptions<T>, "handler"> {
  /**
   * Called with events of one partition, in offset order, at most `maxBatchSize` at a time; their
   * offsets are committed only after it resolves. Throwing commits none of them: they come again,
   * perhaps grouped differently and with later events. Handlers make their effect idempotent with
   * `envelope.eventId`, which may occur twice even within one call (a producer retry can write a
   * message twice).
   */
  handler: (events: readonly ReceivedEvent<T>[]) => Promise<void>;
  /** The most events one call receives (default 1,000): a larger fetch is handed over in slices. */
  maxBatchSize?: number;
}

export interface Subscription {
  /** Resolves once the consumer has joined its group and been assigned partitions. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Our own small interface over the Kafka client, so the client can be swapped. Delivery is
 * at-least-once; the event id in the envelope is the idempotency key.
 */
export interface EventBus {
  /** Creates the catalogue's topics (idempotent) with their explicit partition counts. */
  ensureTopics(topics: readonly TopicDefinition<unknown>[]): Promise<void>;
  publish(events: readonly EncodedEvent[]): Promise<void>;
  subscribe<T>(options: SubscribeOptions<T>): Promise<Subscription>;
  /**
   * Like `subscribe`, but hands over the events fetched together, so that a consumer can write
   * them with one statement instead of one per event.
   */
  subscribeBatch<T>(options: SubscribeBatchOptions<T>): Promise<Subscription>;
  close(): Promise<void>;
}
