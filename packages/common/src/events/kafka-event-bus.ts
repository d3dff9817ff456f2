import kafkajs from "kafkajs";
import type { Admin, Consumer, Kafka as KafkaClient, Producer, IHeaders } from "kafkajs";
import type { Logger } from "pino";
import { headersToEnvelope, type EncodedEvent } from "./envelope.js";
import type { EventBus, SubscribeOptions, Subscription } from "./event-bus.js";
import { topicName, type TopicDefinition } from "./topics.js";

const { Kafka, logLevel } = kafkajs;

const ENSURE_TOPICS_ATTEMPTS = 8;

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Prefix of topics and consumer groups; empty in production. */
  namespace?: string;
  replicationFactor?: number;
}

function headerValue(value: IHeaders[string]): string | undefined {
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** The kafkajs implementation of our EventBus. */
export class KafkaEventBus implements EventBus {
  readonly #kafka: KafkaClient;
  readonly #namespace: string;
  readonly #logger: Logger;
  readonly #replicationFactor: number;
  #producer: Promise<Producer> | undefined;
  readonly #consumers = new Set<Consumer>();

  constructor(options: KafkaEventBusOptions) {
    this.#namespace = options.namespace ?? "";
    this.#logger = options.logger.child({ component: "event-bus" });
    this.#replicationFactor = options.replicationFactor ?? 1;
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

  /**
   * Creates the missing topics and waits until every one has a leader. Instances starting together
   * race to create the same topics; the loser sees errors such as "does not host this
   * topic-partition" while the winner's creation settles, so each round is retried briefly.
   */
  async ensureTopics(topics: readonly TopicDefinition<unknown>[]): Promise<void> {
    const names = topics.map((definition) => topicName(definition, this.#namespace));
    const admin: Admin = this.#kafka.admin();
    await admin.connect();
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await this.#createMissing(admin, topics);
          await admin.fetchTopicMetadata({ topics: names });
          return;
        } catch (error) {
          if (attempt >= ENSURE_TOPICS_ATTEMPTS) throw error;
          this.#logger.debug({ err: error, attempt }, "topics not ready yet; retrying");
          await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  async #createMissing(admin: Admin, topics: readonly TopicDefinition<unknown>[]): Promise<void> {
    const existing = new Set(await admin.listTopics());
    const missing = topics
      .map((definition) => ({ definition, name: topicName(definition, this.#namespace) }))
      .filter(({ name }) => !existing.has(name));
    if (missing.length === 0) return;
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map(({ definition, name }) => ({
        topic: name,
        numPartitions: definition.partitions,
        replicationFactor: this.#replicationFactor,
      })),
    });
    if (created) this.#logger.info({ topics: missing.map(({ name }) => name) }, "topics created");
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
    await consumer.connect();
    await consumer.subscribe({
      topic: topicName(options.topic as TopicDefinition<unknown>, this.#namespace),
      fromBeginning: options.fromBeginning ?? true,
    });
    const codec = options.topic.codec;
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = headerValue(value);
        const payload = codec.fromJSON(JSON.parse(message.value?.toString() ?? "{}"));
        await options.handler({
          envelope: headersToEnvelope(headers),
          key: message.key?.toString() ?? null,
          payload,
          topic,
          partition,
          offset: message.offset,
        });
      },
    });
    return {
      ready,
      stop: async () => {
        this.#consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#consumers].map((consumer) => consumer.disconnect()));
    this.#consumers.clear();
    const producer = this.#producer;
    this.#producer = undefined;
    if (producer) await producer.then((connected) => connected.disconnect()).catch(() => undefined);
  }

  #connectedProducer(): Promise<Producer> {
    if (!this.#producer) {
      const producer = this.#kafka.producer({ allowAutoTopicCreation: false });
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
