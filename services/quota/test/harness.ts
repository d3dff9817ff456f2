import kafkajs from "kafkajs";
import { KafkaEventBus, NacosClient, Redis, createDatabase, topicName, type EventEnvelope, type Logger, type ReceivedEvent, type Subscription, type TopicDefinition } from "@llm-serve/common";
import { NacosResolver, createServiceClient, type ServiceClient } from "@llm-serve/grpc";
import { quotaV1 } from "@llm-serve/proto";
import { KeyLayout, QuotaEngine, parsePolicySpec, type QuotaPolicy } from "@llm-serve/quota-engine";
import { INFRA, serviceTestEnv, uniqueId } from "@llm-serve/testkit";

import { startQuota } from "../src/app.js";
import { writtenPolicyFromProto } from "../src/handlers/policy-proto.js";

export type QuotaClient = ServiceClient<typeof quotaV1.QuotaServiceService>;

/** A quota service of the test's own (schema, Redis prefix, Nacos group, topic namespace) and its client. */
export async function startQuotaHarness(prefix: string, logger: Logger, overrides: Record<string, string> = {}) {
  const isolation = uniqueId(prefix);
  const env = serviceTestEnv(isolation, { DATABASE_SCHEMA: `q_${isolation}`, QUOTA_REBUILD_CHECK_MS: "200", ...overrides });
  const quota = await startQuota(env, { logger });
  const nacos = new NacosClient({ serverAddr: INFRA.nacosAddr });
  const resolver = new NacosResolver({ nacos, service: "quota", group: isolation, logger });
  const client: QuotaClient = createServiceClient(quotaV1.QuotaServiceService, { service: "quota", resolver, logger, idempotent: ["getPolicy", "getPolicySnapshot", "getUsage"] });
  // Test connections: errors while a private Redis restarts are expected, and retried.
  const connect = () => new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 1 }).on("error", () => undefined);
  const redis = connect();
  const engines: QuotaEngine[] = [];
  return {
    isolation,
    env,
    quota,
    nacos,
    client,
    redis,
    layout: new KeyLayout(`${isolation}:quota:`),
    /** A gateway-side engine on its own connection. */
    engine(options: { clock?: () => number } = {}): QuotaEngine {
      const engine = new QuotaEngine({ redis: connect(), layout: new KeyLayout(`${isolation}:quota:`), ...options });
      engines.push(engine);
      return engine;
    },
    async stop() {
      for (const engine of engines) engine.close();
      client.close();
      resolver.close();
      await nacos.removeConfig("llm-serve.quota", isolation).catch(() => undefined);
      await quota.stop();
      const keys = await redis.keys(`${isolation}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}

export type QuotaHarness = Awaited<ReturnType<typeof startQuotaHarness>>;

/** Collects every event of some topics in the test's namespace, from the beginning. */
export async function collectEvents<T>(harness: QuotaHarness, topic: TopicDefinition<T>, logger: Logger) {
  const bus = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: `collector-${harness.isolation}`, logger, namespace: harness.isolation });
  const received: Array<{ envelope: EventEnvelope; payload: T }> = [];
  const subscription: Subscription = await bus.subscribe({
    groupId: `collector-${uniqueId()}`,
    topic,
    fromBeginning: true,
    handler: async (event: ReceivedEvent<T>) => {
      received.push({ envelope: event.envelope, payload: event.payload });
    },
  });
  await subscription.ready;
  return {
    received,
    async close() {
      await subscription.stop();
      await bus.close();
    },
  };
}

/** A written policy the way the admin API sends it, as a proto message. */
export function protoPolicy(fields: Partial<quotaV1.QuotaPolicy> & Pick<quotaV1.QuotaPolicy, "scope" | "scopeId">): quotaV1.QuotaPolicy {
  return quotaV1.QuotaPolicy.fromPartial({ orgId: "org_1", failMode: "closed", ...fields });
}

/** How many messages a topic of the test's namespace holds: what "exactly once on Kafka" is measured by. */
/**
 * The distinct events (by `event-id` header) a topic holds, read from the beginning. Delivery is
 * at-least-once — a producer retry during a broker hiccup may write a message twice — and the
 * event id is the contract's idempotency key, so "exactly once" is counted by id.
 */
export async function messagesInTopic(harness: QuotaHarness, topic: TopicDefinition<unknown>): Promise<number> {
  const name = topicName(topic, harness.isolation);
  const kafka = new kafkajs.Kafka({ clientId: `count-${harness.isolation}`, brokers: [INFRA.kafkaBrokers], logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  let total = 0;
  try {
    const offsets = await admin.fetchTopicOffsets(name);
    total = offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
  if (total === 0) return 0;
  const consumer = kafka.consumer({ groupId: `count-${harness.isolation}-${uniqueId()}`, maxWaitTimeInMs: 200 });
  const ids = new Set<string>();
  let read = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: name, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          ids.add(String(message.headers?.["event-id"] ?? `offset-${message.offset}`));
          read += 1;
          if (read >= total) resolve();
        },
      });
    });
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  } finally {
    await consumer.disconnect();
  }
  return ids.size;
}

/** Rows of the quota service's outbox not yet sent to Kafka. */
export async function unsentOutboxRows(harness: QuotaHarness): Promise<number> {
  const db = createDatabase({ url: INFRA.databaseUrl, schema: harness.env.DATABASE_SCHEMA!, poolMax: 1 });
  try {
    const [row] = await db("outbox").whereNull("sent_at").count<{ count: number }[]>({ count: "*" });
    return Number(row?.count ?? 0);
  } finally {
    await db.destroy();
  }
}

/** The domain form of a policy the service returned (what a gateway caches). */
export function policyFromProto(policy: quotaV1.QuotaPolicy): QuotaPolicy {
  return { ...parsePolicySpec(writtenPolicyFromProto(policy)), id: policy.id, version: policy.version, isDefault: policy.isDefault };
}
