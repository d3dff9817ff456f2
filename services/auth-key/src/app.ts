import { createLogger, loadConfig, type Environment, type Logger } from "@llm-serve/common";
import { ServiceRuntime, type StartedService } from "@llm-serve/grpc";
import { authKeyV1 } from "@llm-serve/proto";
import { configSchema, SERVICE_NAME } from "./config.js";
import { createAuthKeyHandlers } from "./handlers/auth-key-handlers.js";
import { migrations } from "./migrations/index.js";
import { ApiKeyStore } from "./store/api-key-store.js";

export interface RunningAuthKey extends StartedService {
  runtime: ServiceRuntime;
  stop(): Promise<void>;
}

/** The composition root: config → logger → stores → handlers → listen → register. */
export async function startAuthKey(env: Environment, logger?: Logger): Promise<RunningAuthKey> {
  const config = loadConfig(configSchema, env);
  const rootLogger = logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  try {
    const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
    await runtime.ensureTopics();
    runtime.startOutboxRelay(db);
    runtime.grpc.addService(authKeyV1.AuthKeyServiceService, createAuthKeyHandlers({ keys: new ApiKeyStore(db), pepper: config.KEY_PEPPER, now: () => new Date() }));
    const started = await runtime.start();
    return { ...started, runtime, stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
