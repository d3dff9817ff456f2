import { randomUUID } from "node:crypto";
import kafkajs from "kafkajs";
import { KafkaEventBus, NacosClient, TOPICS, createDatabase, encodeEvent, topicName, type EncodedEvent, type Knex, type Logger } from "@llm-serve/common";
import { NacosResolver, createServiceClient, type ServiceClient } from "@llm-serve/grpc";
import { startModelRegistry, type RunningModelRegistry } from "@llm-serve/model-registry";
import { billingV1, eventsV1, modelRegistryV1 } from "@llm-serve/proto";
import { INFRA, deleteEventNamespace, serviceTestEnv, uniqueId } from "@llm-serve/testkit";
import { startBilling, type RunningBilling } from "../src/app.js";
import { USAGE_CONSUMER_GROUP } from "../src/events/usage-consumer.js";

export type BillingClient = ServiceClient<typeof billingV1.BillingServiceService>;

/**
 * Billing and the model registry in-process on the real infrastructure, sharing one isolation
 * (Nacos group, topic namespace), each with its own schema; a billing client, a registry client
 * and a publisher of usage events.
 */
export async function startBillingHarness(prefix: string, logger: Logger, overrides: Record<string, string> = {}) {
  const isolation = uniqueId(prefix);
  const env = serviceTestEnv(isolation, { DATABASE_SCHEMA: `b_${isolation}`, BILLING_CLOSE_CHECK_MS: "0", BILLING_PENDING_RETRY_MS: "0", BILLING_MODEL_PLAN_CACHE_MS: "0", ...overrides });
  const registry: RunningModelRegistry = await startModelRegistry(serviceTestEnv(isolation, { DATABASE_SCHEMA: `mr_${isolation}`, HEALTH_PROBE_INTERVAL_MS: "0" }), logger);
  const clock = { now: Date.now, set(value: number | undefined) { this.now = value === undefined ? Date.now : () => value; } };
  const start = () => startBilling(env, { logger, clock: () => clock.now() });
  const state = { billing: await start() };
  const nacos = new NacosClient({ serverAddr: INFRA.nacosAddr });
  const resolvers = ["billing", "model-registry"].map((service) => new NacosResolver({ nacos, service, group: isolation, logger, refreshMs: 300 }));
  const client: BillingClient = createServiceClient(billingV1.BillingServiceService, { service: "billing", resolver: resolvers[0]!, logger, deadlineMs: 20_000 });
  const models = createServiceClient(modelRegistryV1.ModelRegistryServiceService, { service: "model-registry", resolver: resolvers[1]!, logger, deadlineMs: 20_000 });
  const publisher = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: `gateway-${isolation}`, logger, namespace: isolation });
  const db: Knex = createDatabase({ url: INFRA.databaseUrl, schema: env.DATABASE_SCHEMA!, poolMax: 2 });
  await state.billing.consuming;
  return {
    isolation,
    env,
    clock,
    client,
    models,
    publisher,
    db,
    get billing(): RunningBilling {
      return state.billing;
    },
    async restart(): Promise<void> {
      await state.billing.stop();
      state.billing = await start();
      await state.billing.consuming;
    },
    /** Attaches a model to a plan the way an admin does: the registry's price_plan_id. */
    async attachModel(model: string, pricePlanId: string): Promise<void> {
      await models.createModel({ model: mockModel(model, pricePlanId) });
    },
    async stop() {
      client.close();
      models.close();
      for (const resolver of resolvers) resolver.close();
      await publisher.close();
      await state.billing.stop();
      await registry.stop();
      for (const schema of [env.DATABASE_SCHEMA!, `mr_${isolation}`]) await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]).catch(() => undefined);
      await db.destroy();
      await deleteEventNamespace([INFRA.kafkaBrokers], isolation).catch(() => undefined);
    },
  };
}

export type BillingHarness = Awaited<ReturnType<typeof startBillingHarness>>;

function mockModel(id: string, pricePlanId: string): modelRegistryV1.ModelInput {
  return modelRegistryV1.ModelInput.fromPartial({
    id,
    pricePlanId,
    capability: { endpoints: ["chat.completions", "embeddings"], contextWindow: 8_192, maxOutputTokens: 2_048, supportsStreaming: true },
    runtime: { maxRetries: 0 },
    deployments: [{ id: "mock", providerType: "mock", baseUrl: "", upstreamModel: "llmserve-demo" }],
  });
}

export interface UsageSpec {
  model: string;
  startedAt: Date;
  promptTokens?: number;
  completionTokens?: number;
  cachedPromptTokens?: number;
  reasoningTokens?: number;
  orgId?: string;
  projectId?: string;
  keyId?: string;
  estimated?: boolean;
  endpoint?: string;
  eventId?: string;
}

/** A usage event as the gateway encodes it. */
export function usageEvent(harness: BillingHarness, spec: UsageSpec): EncodedEvent {
  const prompt = spec.promptTokens ?? 0;
  const completion = spec.completionTokens ?? 0;
  const payload = eventsV1.UsageRecorded.fromPartial({
    requestId: `req_${randomUUID()}`,
    keyId: spec.keyId ?? "key_1",
    projectId: spec.projectId ?? "proj_1",
    orgId: spec.orgId ?? "org_1",
    model: spec.model,
    deploymentId: "mock",
    provider: "mock",
    endpoint: spec.endpoint ?? "chat.completions",
    usage: { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion, cachedPromptTokens: spec.cachedPromptTokens ?? 0, reasoningTokens: spec.reasoningTokens ?? 0 },
    estimated: spec.estimated ?? false,
    status: "succeeded",
    httpStatus: 200,
    startedAt: spec.startedAt.toISOString(),
    finishedAt: spec.startedAt.toISOString(),
  });
  return encodeEvent({ topic: TOPICS.usageRecorded, key: payload.keyId, payload, requestId: payload.requestId, eventId: spec.eventId ?? randomUUID() }, { source: "gateway", namespace: harness.isolation });
}

/** Every ledger line, ordered, as stored: what "unchanged" is compared on. */
export async function ledgerSnapshot(harness: BillingHarness): Promise<Array<Record<string, unknown>>> {
  return harness.db("ledger_lines").orderBy("event_id").select("event_id", "plan_id", "plan_version", "currency", "estimated", "occurred_at", "recorded_at", harness.db.raw("amount_micros::text AS amount"));
}

export async function ledgerCount(harness: BillingHarness, where: Record<string, string> = {}): Promise<{ lines: number; amount: bigint }> {
  const [row] = await harness.db("ledger_lines").where(where).select(harness.db.raw("count(*)::int AS lines"), harness.db.raw("coalesce(sum(amount_micros), 0)::text AS amount"));
  return { lines: Number(row.lines), amount: BigInt(row.amount) };
}

/** Moves billing's consumer group back to offset 0 (billing must be stopped): a full replay. */
export async function rewindUsageConsumer(harness: BillingHarness): Promise<void> {
  const kafka = new kafkajs.Kafka({ clientId: `rewind-${harness.isolation}`, brokers: [INFRA.kafkaBrokers], logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.resetOffsets({ groupId: `${harness.isolation}.${USAGE_CONSUMER_GROUP}`, topic: topicName(TOPICS.usageRecorded, harness.isolation), earliest: true });
  } finally {
    await admin.disconnect();
  }
}

/** Whether billing's group has committed every message of the usage topic (the replay is over). */
export async function consumedEverything(harness: BillingHarness): Promise<boolean> {
  const kafka = new kafkajs.Kafka({ clientId: `lag-${harness.isolation}`, brokers: [INFRA.kafkaBrokers], logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topic = topicName(TOPICS.usageRecorded, harness.isolation);
    const high = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: `${harness.isolation}.${USAGE_CONSUMER_GROUP}`, topics: [topic] });
    return high.every((partition) => {
      const done = committed?.partitions.find((entry) => entry.partition === partition.partition)?.offset ?? "-1";
      return Number(partition.high) === 0 || Number(done) >= Number(partition.high);
    });
  } finally {
    await admin.disconnect();
  }
}
