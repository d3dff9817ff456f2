import { createLogger, loadConfig, type Environment, type Logger } from "@llm-serve/common";
import { ServiceRuntime, type StartedService } from "@llm-serve/grpc";
import { quotaV1 } from "@llm-serve/proto";
import { configSchema, SERVICE_NAME } from "./config.js";
import { createQuotaHandlers } from "./handlers/quota-handlers.js";
import { migrations } from "./migrations/index.js";
import { PolicyStore } from "./store/policy-store.js";

export interface RunningQuota extends StartedService {
  runtime: ServiceRuntime;
  stop(): Promise<void>;
}

/** The composition root: config → logger → stores → handlers → listen → register. */
export async function startQuota(env: Environment, logger?: Logger): Promise<RunningQuota> {
  const config = loadConfig(configSchema, env);
  const rootLogger = logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  try {
    const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
    const redis = runtime.openRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);
    await redis.ping();
    await runtime.ensureTopics();
    runtime.startOutboxRelay(db);
    runtime.grpc.addService(quotaV1.QuotaServiceService, createQuotaHandlers({ policies: new PolicyStore(db) }));
    const started = await runtime.start();
    return { ...started, runtime, stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
