import { createLogger, loadConfig, type Environment, type Logger } from "@llm-serve/common";
import { ServiceRuntime, type StartedService } from "@llm-serve/grpc";
import { billingV1 } from "@llm-serve/proto";
import { configSchema, SERVICE_NAME } from "./config.js";
import { createBillingHandlers } from "./handlers/billing-handlers.js";
import { migrations } from "./migrations/index.js";
import { PricePlanStore } from "./store/price-plan-store.js";

export interface RunningBilling extends StartedService {
  runtime: ServiceRuntime;
  stop(): Promise<void>;
}

/** The composition root: config → logger → stores → handlers → listen → register. */
export async function startBilling(env: Environment, logger?: Logger): Promise<RunningBilling> {
  const config = loadConfig(configSchema, env);
  const rootLogger = logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  try {
    const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
    await runtime.ensureTopics();
    runtime.startOutboxRelay(db);
    runtime.grpc.addService(billingV1.BillingServiceService, createBillingHandlers({ plans: new PricePlanStore(db) }));
    const started = await runtime.start();
    return { ...started, runtime, stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
