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
  close(): Promise<void>;
}
