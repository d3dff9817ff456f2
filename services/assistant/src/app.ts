import { createLogger, loadConfig, type Environment, type Logger } from "@llm-serve/common";
import { ServiceRuntime, type StartedService } from "@llm-serve/grpc";
import { assistantV1 } from "@llm-serve/proto";
import { configSchema, SERVICE_NAME } from "./config.js";
import { createAssistantHandlers } from "./handlers/assistant-handlers.js";
import { migrations } from "./migrations/index.js";
import { AssistantStore } from "./store/assistant-store.js";

export interface RunningAssistant extends StartedService {
  runtime: ServiceRuntime;
  stop(): Promise<void>;
}

/** The composition root: config → logger → stores → handlers → listen → register. */
export async function startAssistant(env: Environment, logger?: Logger): Promise<RunningAssistant> {
  const config = loadConfig(configSchema, env);
  const rootLogger = logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  try {
    const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
    await runtime.ensureTopics();
    runtime.startOutboxRelay(db);
    runtime.grpc.addService(assistantV1.AssistantServiceService, createAssistantHandlers({ assistants: new AssistantStore(db) }));
    const started = await runtime.start();
    return { ...started, runtime, stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
