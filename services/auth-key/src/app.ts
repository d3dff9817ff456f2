import { createLogger, loadConfig, type Environment, type Logger } from "@llm-serve/common";
import { ServiceRuntime, type StartedService } from "@llm-serve/grpc";
import { authKeyV1 } from "@llm-serve/proto";
import { bootstrapFileWriter } from "./bootstrap-file.js";
import { configSchema, defaultBootstrapFile, SERVICE_NAME, type AuthKeyConfig } from "./config.js";
import type { AuthKeyDeps } from "./domain/deps.js";
import { bootstrapAdmin } from "./domain/users/bootstrap-admin.js";
import { createAuthAdminHandlers } from "./handlers/auth-admin-handlers.js";
import { createAuthKeyHandlers } from "./handlers/auth-key-handlers.js";
import { migrations } from "./migrations/index.js";
import { createStores, createTransactor } from "./store/stores.js";

export interface RunningAuthKey extends StartedService {
  runtime: ServiceRuntime;
  stop(): Promise<void>;
}

async function ensureBootstrapAdmin(deps: AuthKeyDeps, config: AuthKeyConfig, logger: Logger): Promise<void> {
  const file = config.BOOTSTRAP_ADMIN_FILE ?? defaultBootstrapFile(config.DATABASE_SCHEMA);
  const { created } = await bootstrapAdmin(deps, bootstrapFileWriter(file, config.GATEWAY_PUBLIC_URL));
  if (created) logger.warn({ file }, "bootstrap admin created; its token was written to this owner-only file");
}

/** The composition root: config → logger → stores → domain deps → bootstrap → handlers → listen → register. */
export async function startAuthKey(env: Environment, logger?: Logger): Promise<RunningAuthKey> {
  const config = loadConfig(configSchema, env);
  const rootLogger = logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  try {
    const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
    await runtime.ensureTopics();
    const relay = runtime.startOutboxRelay(db);
    const deps: AuthKeyDeps = {
      stores: createStores(db),
      transact: createTransactor(db, () => relay.kick()),
      pepper: config.KEY_PEPPER,
      now: () => new Date(),
      events: { source: SERVICE_NAME, namespace: config.EVENT_NAMESPACE },
      defaultGraceSeconds: config.KEY_ROTATION_GRACE_SECONDS,
      maxGraceSeconds: config.KEY_ROTATION_GRACE_MAX_SECONDS,
    };
    await ensureBootstrapAdmin(deps, config, runtime.logger);
    runtime.grpc.addService(authKeyV1.AuthKeyServiceService, createAuthKeyHandlers(deps));
    runtime.grpc.addService(authKeyV1.AuthAdminServiceService, createAuthAdminHandlers(deps));
    const started = await runtime.start();
    return { ...started, runtime, stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
