import { createLogger, loadConfig, type Environment, type Logger } from "@llm-serve/common";
import { ServiceRuntime, type StartedService } from "@llm-serve/grpc";
import { analyticsV1 } from "@llm-serve/proto";
import { createAlerting } from "./alerts/create-alerting.js";
import { configSchema, SERVICE_NAME } from "./config.js";
import { subscribeToUsage } from "./events/usage-consumer.js";
import { createAnalyticsHandlers } from "./handlers/analytics-handlers.js";
import { migrations } from "./migrations/index.js";
import { UsageStore } from "./store/usage-store.js";

export interface RunningAnalytics extends StartedService {
  runtime: ServiceRuntime;
  /** Resolves when the usage consumer has joined its group. */
  consuming: Promise<void>;
  stop(): Promise<void>;
}

export async function startAnalytics(env: Environment, logger?: Logger): Promise<RunningAnalytics> {
  const config = loadConfig(configSchema, env);
  const rootLogger = logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  try {
    const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
    const usage = new UsageStore(db);
    await runtime.ensureTopics();
    const subscription = await subscribeToUsage(runtime.bus, { usage, logger: runtime.logger });
    runtime.lifecycle.onShutdown("usage-consumer", () => subscription.stop());
    runtime.grpc.addService(analyticsV1.AnalyticsServiceService, createAnalyticsHandlers({ usage }));
    await createAlerting(runtime, db, env, SERVICE_NAME);
    const started = await runtime.start();
    return { ...started, runtime, consuming: subscription.ready, stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
