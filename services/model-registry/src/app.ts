import { createLogger, loadConfig, type Environment, type Logger } from "@llm-serve/common";
import { ServiceRuntime, type StartedService } from "@llm-serve/grpc";
import { modelRegistryV1 } from "@llm-serve/proto";
import { configSchema, SERVICE_NAME } from "./config.js";
import { DEMO_MODEL } from "./domain/model.js";
import { createModelRegistryHandlers } from "./handlers/model-registry-handlers.js";
import { migrations } from "./migrations/index.js";
import { ModelStore } from "./store/model-store.js";

export interface RunningModelRegistry extends StartedService {
  runtime: ServiceRuntime;
  stop(): Promise<void>;
}

/** The composition root: config → logger → stores → handlers → listen → register. */
export async function startModelRegistry(env: Environment, logger?: Logger): Promise<RunningModelRegistry> {
  const config = loadConfig(configSchema, env);
  const rootLogger = logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  try {
    const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
    const models = new ModelStore(db);
    await models.insertIfMissing(DEMO_MODEL);
    await runtime.ensureTopics();
    runtime.startOutboxRelay(db);
    runtime.grpc.addService(modelRegistryV1.ModelRegistryServiceService, createModelRegistryHandlers({ models }));
    const started = await runtime.start();
    return { ...started, runtime, stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
