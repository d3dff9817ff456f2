import kafkajs from "kafkajs";
import type { Admin, Batch, Consumer, EachBatchPayload, Kafka as KafkaClient, KafkaMessage, Producer } from "kafkajs";
import type { Logger } from "pino";
import type { EncodedEvent } from "./envelope.js";
import type { EventBus, ReceivedEvent, SubscribeBatchOptions, SubscribeOptions, Subscription } from "./event-bus.js";
import { decodeMessage, messageEventId, type MessagePosition } from "./kafka-message.js";
import { ENSURE_TOPICS_TIMEOUT_MS, ensureKafkaTopics } from "./kafka-topic-setup.js";
import { topicName, type PayloadCodec, type TopicDefinition } from "./topics.js";

const { Kafka, logLevel } = kafkajs;

const DEFAULT_MAX_BATCH_SIZE = 1_000;
/** Consumer crashes kafkajs does not restart, although the broker will serve the group shortly. */
const RESTARTABLE_CRASHES = new Set(["KafkaJSGroupCoordinatorNotFound"]);
const CONSUMER_RESTART_DELAY_MS = 1_000;

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Prefix of topics and consumer groups; empty in production. */
  namespace?: string;
  replicationFactor?: number;
  /** Bound of ensureTopics() (default 90 s): it retries until the broker hosts every topic. */
  ensureTopicsTimeoutMs?: number;
}

/** The kafkajs implementation of our EventBus. */
export class KafkaEventBus implements EventBus {
  readonly #kafka: KafkaClient;
  readonly #namespace: string;
  readonly #logger: Logger;
  readonly #replicationFactor: number;
  readonly #ensureTopicsTimeoutMs: number;
  #producer: Promise<Producer> | undefined;
  #probeAdmin: Promise<Admin> | undefined;
  readonly #consumers = new Set<Consumer>();

  constructor(options: KafkaEventBusOptions) {
    this.#namespace = options.namespace ?? "";
    this.#logger = options.logger.child({ component: "event-bus" });
    this.#replicationFactor = options.replicationFactor ?? 1;
    this.#ensureTopicsTimeoutMs = options.ensureTopicsTimeoutMs ?? ENSURE_TOPICS_TIMEOUT_MS;
    const logger = this.#logger;
    this.#kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        const { message, ...rest } = entry.log;
        logger.debug({ kafka: rest, namespace: entry.namespace }, String(message));
      },
    });
  }

  /** Creates the missing topics and waits until the broker hosts every one (see kafka-topic-setup.ts). */
  async ensureTopics(topics: readonly TopicDefinition<unknown>[]): Promise<void> {
    await ensureKafkaTopics(this.#kafka, topics, {
      namespace: this.#namespace,
      replicationFactor: this.#replicationFactor,
      timeoutMs: this.#ensureTopicsTimeoutMs,
      logger: this.#logger,
    });
  }

  async publish(events: readonly EncodedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const byTopic = new Map<string, EncodedEvent[]>();
    for (const event of events) {
      const list = byTopic.get(event.topic) ?? [];
      list.push(event);
      byTopic.set(event.topic, list);
    }
    const producer = await this.#connectedProducer();
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((event) => ({ key: event.key, value: event.value, headers: event.headers })),
        })),
      });
    } catch (error) {
      // A broken connection can leave the producer unusable; start afresh on the next publish.
      this.#resetProducer();
      throw error;
    }
  }

  async subscribe<T>(options: SubscribeOptions<T>): Promise<Subscription> {
    return this.#startConsumer(options, (consumer) =>
      consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          await options.handler(this.#decode(options.topic.codec, { topic, partition }, message));
        },
      }),
    );
  }

  /**
   * Each fetched batch of a partition goes to the handler in slices of at most `maxBatchSize`
   * events; a slice's offsets are resolved only after the handler resolved, and kafkajs commits the
   * resolved offsets after the batch (or before it rethrows a failure). A failed slice and the
   * rest of its batch are fetched again.
   */
  async subscribeBatch<T>(options: SubscribeBatchOptions<T>): Promise<Subscription> {
    const maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new Error(`maxBatchSize must be a positive integer: ${maxBatchSize}`);
    return this.#startConsumer(options, (consumer) =>
      consumer.run({
        // kafkajs would otherwise resolve the whole batch once eachBatch returns, also when it
        // returned early (stopping, rebalanced) and left events unprocessed.
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.#consumeBatch(options, maxBatchSize, payload),
      }),
    );
  }

  async #startConsumer<T>(options: Omit<SubscribeOptions<T>, "handler">, run: (consumer: Consumer) => Promise<void>): Promise<Subscription> {
    const groupId = this.#namespace ? `${this.#namespace}.${options.groupId}` : options.groupId;
    const consumer = this.#kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      // A fetch waits at most this long for data; a consumer stops only after its fetch returns,
      // so this bounds shutdown time (kafkajs's default is 5 s).
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
    });
    this.#consumers.add(consumer);
    let markReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    consumer.on(consumer.events.GROUP_JOIN, () => markReady());
    // kafkajs restarts a consumer after retriable failures only: an unrecoverable one (a SyntaxError
    // from an undecodable message, a TypeError in a handler) stops it for good, which must not pass
    // unnoticed at its debug-level log.
    let stopped = false;
    const start = async () => {
      await consumer.connect();
      await consumer.subscribe({
        topic: topicName(options.topic as TopicDefinition<unknown>, this.#namespace),
        fromBeginning: options.fromBeginning ?? true,
      });
      await run(consumer);
    };
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) {
        this.#logger.warn({ err: payload.error, groupId }, "consumer failed; kafkajs restarts it");
      } else if (!stopped && RESTARTABLE_CRASHES.has(payload.error.name)) {
        // kafkajs calls these final, but the broker is only not ready yet (a fresh or restarted
        // broker still creating or loading __consumer_offsets): the consumer would stay stopped,
        // and its service consume nothing until restarted.
        this.#logger.warn({ err: payload.error, groupId, retryInMs: CONSUMER_RESTART_DELAY_MS }, "consumer failed while the broker was not ready; restarting it");
        setTimeout(() => {
          if (!stopped) start().catch((error: unknown) => this.#logger.error({ err: error, groupId }, "consumer could not restart"));
        }, CONSUMER_RESTART_DELAY_MS).unref();
      } else {
        this.#logger.error({ err: payload.error, groupId }, "consumer stopped after an unrecoverable error; its partitions wait for a restart of the service");
      }
    });
    await start();
    return {
      ready,
      stop: async () => {
        stopped = true;
        this.#consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async #consumeBatch<T>(options: SubscribeBatchOptions<T>, maxBatchSize: number, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { events, failure } = this.#decodeBatch(options.topic.codec, batch);
    for (let start = 0; start < events.length; start += maxBatchSize) {
      // Stopping or re-positioned: leave the rest unresolved, to be fetched again.
      if (!payload.isRunning() || payload.isStale()) return;
      const slice = events.slice(start, start + maxBatchSize);
      try {
        await options.handler(slice);
      } catch (error) {
        this.#logger.warn({ err: error, topic: batch.topic, partition: batch.partition, fromOffset: slice[0]?.offset, events: slice.length }, "batch handler failed; its events come again");
        throw error;
      }
      payload.resolveOffset(slice[slice.length - 1]!.offset);
      await payload.heartbeat();
    }
    // As with eachMessage: what precedes an undecodable message is committed, and the failure
    // stops the consumer at that message (see the CRASH listener), which is never skipped.
    if (failure !== undefined) throw failure;
  }

  /** Decodes a batch up to its first undecodable message, which is returned as the failure. */
  #decodeBatch<T>(codec: PayloadCodec<T>, batch: Batch): { events: ReceivedEvent<T>[]; failure?: unknown } {
    const events: ReceivedEvent<T>[] = [];
    for (const message of batch.messages) {
      try {
        events.push(this.#decode(codec, batch, message));
      } catch (error) {
        return { events, failure: error };
      }
    }
    return { events };
  }

  /** The one decoding path of both subscriptions; an undecodable message is logged and thrown, never skipped. */
  #decode<T>(codec: PayloadCodec<T>, position: MessagePosition, message: KafkaMessage): ReceivedEvent<T> {
    try {
      return decodeMessage(codec, { topic: position.topic, partition: position.partition }, message);
    } catch (error) {
      this.#logger.warn(
        { err: error, topic: position.topic, partition: position.partition, offset: message.offset, eventId: messageEventId(message) },
        "an event could not be decoded; it is not skipped",
      );
      throw error;
    }
  }

  /**
   * Asks the cluster for its brokers (live status): resolves with their count, rejects when Kafka
   * cannot be reached. One admin connection is kept for this and dropped after a failure.
   */
  async checkConnection(): Promise<number> {
    if (!this.#probeAdmin) {
      const admin = this.#kafka.admin();
      this.#probeAdmin = admin.connect().then(() => admin);
    }
    const pending = this.#probeAdmin;
    try {
      const cluster = await (await pending).describeCluster();
      return cluster.brokers.length;
    } catch (error) {
      if (this.#probeAdmin === pending) this.#probeAdmin = undefined;
      pending.then((admin) => admin.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const probe = this.#probeAdmin;
    this.#probeAdmin = undefined;
    if (probe) await probe.then((admin) => admin.disconnect()).catch(() => undefined);
    await Promise.allSettled([...this.#consumers].map((consumer) => consumer.disconnect()));
    this.#consumers.clear();
    const producer = this.#producer;
    this.#producer = undefined;
    if (producer) await producer.then((connected) => connected.disconnect()).catch(() => undefined);
  }

  #connectedProducer(): Promise<Producer> {
    if (!this.#producer) {
      // More patient than the client's default: a partition just created, or moved after a broker
      // restart, answers "not the leader" until its leader is known (seconds on a loaded broker).
      const producer = this.#kafka.producer({ allowAutoTopicCreation: false, retry: PRODUCER_RETRY });
      this.#producer = producer.connect().then(
        () => producer,
        (error: unknown) => {
          this.#producer = undefined;
          throw error;
        },
      );
    }
    return this.#producer;
  }

  #resetProducer(): void {
    const producer = this.#producer;
    this.#producer = undefined;
    producer?.then((connected) => connected.disconnect()).catch(() => undefined);
  }
}

/** About 20 s of retries with backoff before a publish fails (the outbox then retries it later). */
const PRODUCER_RETRY = { retries: 6, initialRetryTime: 300, maxRetryTime: 5_000 };
