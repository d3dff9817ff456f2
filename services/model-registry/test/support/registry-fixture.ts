import { randomBytes } from "node:crypto";
import { KafkaEventBus, NacosClient, TOPICS, createDatabase, createLogger, type Knex, type ReceivedEvent } from "@llm-serve/common";
import { NacosResolver, createServiceClient, type ServiceClient } from "@llm-serve/grpc";
import { eventsV1, modelRegistryV1 } from "@llm-serve/proto";
import { INFRA, serviceTestEnv, uniqueId } from "@llm-serve/testkit";
import { startModelRegistry, type RunningModelRegistry } from "../../src/app.js";

export type RegistryClient = ServiceClient<typeof modelRegistryV1.ModelRegistryServiceService>;

export interface RegistryFixture {
  isolation: string;
  schema: string;
  registry: RunningModelRegistry;
  client: RegistryClient;
  db: Knex;
  statusEvents: Array<ReceivedEvent<eventsV1.ModelStatusChanged>>;
  configEvents: Array<ReceivedEvent<eventsV1.ModelConfigUpdated>>;
  close(): Promise<void>;
}

/** A registry in-process on the real infrastructure, its own schema, group and topics, and listeners on both topics. */
export async function startRegistryFixture(prefix: string, overrides: Record<string, string> = {}): Promise<RegistryFixture> {
  const isolation = uniqueId(prefix);
  const schema = `mr_${isolation}`;
  const logger = createLogger({ service: "test", version: "test", level: "warn" });
  const env = serviceTestEnv(isolation, { DATABASE_SCHEMA: schema, SECRETS_KEY: randomBytes(32).toString("base64"), HEALTH_PROBE_INTERVAL_MS: "0", ...overrides });
  const registry = await startModelRegistry(env, logger);
  const resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "model-registry", group: isolation, logger, refreshMs: 500 });
  const client = createServiceClient(modelRegistryV1.ModelRegistryServiceService, { service: "model-registry", resolver, logger, deadlineMs: 20_000 });
  const bus = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: `test-${isolation}`, logger, namespace: isolation });
  const statusEvents: RegistryFixture["statusEvents"] = [];
  const configEvents: RegistryFixture["configEvents"] = [];
  const subscriptions = await Promise.all([
    bus.subscribe({ groupId: "test.status", topic: TOPICS.modelStatusChanged, fromBeginning: true, handler: async (event) => void statusEvents.push(event) }),
    bus.subscribe({ groupId: "test.config", topic: TOPICS.modelConfigUpdated, fromBeginning: true, handler: async (event) => void configEvents.push(event) }),
  ]);
  const db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
  return {
    isolation,
    schema,
    registry,
    client,
    db,
    statusEvents,
    configEvents,
    async close() {
      client.close();
      resolver.close();
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      await bus.close();
      await registry.stop();
      await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]).catch(() => undefined);
      await db.destroy();
    },
  };
}

/** A chat model served by one OpenAI-shaped deployment (override anything). */
export function openAIModelInput(id: string, baseUrl: string, apiKey: string, overrides: Partial<modelRegistryV1.ModelInput> = {}): modelRegistryV1.ModelInput {
  return modelRegistryV1.ModelInput.fromPartial({
    id,
    pricePlanId: "plan-standard",
    capability: { endpoints: ["chat.completions"], contextWindow: 128_000, maxOutputTokens: 4_096, supportsStreaming: true, supportsTools: true },
    runtime: { maxRetries: 2 },
    deployments: [{ id: "openai", providerType: "openai", baseUrl, credentials: { apiKey }, upstreamModel: "gpt-4o-mini" }],
    ...overrides,
  });
}
