import type { Admin, Kafka } from "kafkajs";
import type { Logger } from "pino";
import { topicName, type TopicDefinition } from "./topics.js";

/**
 * How long a start waits for its topics. Right after a broker restarts, it lists every topic but
 * answers "This server does not host this topic-partition" until it has loaded that partition's
 * log, which on a broker holding thousands of partitions (every test namespace) takes well over the
 * few seconds the first version waited: the service then exited and services.sh waited 120 s on a
 * dead process.
 */
export const ENSURE_TOPICS_TIMEOUT_MS = 90_000;
/** A wait longer than this gets a log line, so that a slow start says what it waits for. */
const ENSURE_TOPICS_QUIET_MS = 2_000;

export interface TopicSetupOptions {
  namespace: string;
  replicationFactor: number;
  timeoutMs: number;
  logger: Logger;
}

/**
 * Creates the missing topics and waits until every one has a leader. Instances starting together
 * race to create the same topics; the loser sees errors such as "does not host this
 * topic-partition" while the winner's creation settles, and a broker that just restarted says the
 * same until it has loaded its partitions: each round is retried until the time bound, with a log
 * line per wait once it lasts.
 */
export async function ensureKafkaTopics(kafka: Kafka, topics: readonly TopicDefinition<unknown>[], options: TopicSetupOptions): Promise<void> {
  const names = topics.map((definition) => topicName(definition, options.namespace));
  const startedAt = Date.now();
  const deadline = startedAt + options.timeoutMs;
  const admin: Admin = kafka.admin();
  let connected = false;
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (!connected) await admin.connect();
        connected = true;
        await createMissing(admin, topics, options);
        await admin.fetchTopicMetadata({ topics: names });
        if (Date.now() - startedAt > ENSURE_TOPICS_QUIET_MS) options.logger.info({ waitedMs: Date.now() - startedAt, attempts: attempt }, "kafka topics ready");
        return;
      } catch (error) {
        const delayMs = Math.min(250 * attempt, 2_000);
        if (Date.now() + delayMs > deadline) throw new Error(`kafka topics not ready within ${options.timeoutMs} ms: ${errorMessage(error)}`, { cause: error });
        const waitedMs = Date.now() - startedAt;
        const log = waitedMs > ENSURE_TOPICS_QUIET_MS ? "warn" : "debug";
        options.logger[log]({ attempt, waitedMs, reason: errorMessage(error) }, "waiting for kafka to host the topics (a broker that just restarted loads its partitions first)");
        options.logger.flush();
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function createMissing(admin: Admin, topics: readonly TopicDefinition<unknown>[], options: TopicSetupOptions): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics
    .map((definition) => ({ definition, name: topicName(definition, options.namespace) }))
    .filter(({ name }) => !existing.has(name));
  if (missing.length === 0) return;
  const created = await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map(({ definition, name }) => ({
      topic: name,
      numPartitions: definition.partitions,
      replicationFactor: options.replicationFactor,
    })),
  });
  if (created) options.logger.info({ topics: missing.map(({ name }) => name) }, "topics created");
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
