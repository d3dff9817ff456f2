import { createLogger, loadConfig, type Environment, type Logger } from "@llm-serve/common";
import { ServiceRuntime, type StartedService } from "@llm-serve/grpc";
import { modelRegistryV1 } from "@llm-serve/proto";
import { configSchema, SERVICE_NAME } from "./config.js";
import { CredentialVault } from "./crypto/credential-vault.js";
import { seedDemoModel } from "./domain/demo-model.js";
import type { RegistryDeps } from "./domain/registry-deps.js";
import { ModelEvents } from "./events/model-events.js";
import { createModelRegistryHandlers } from "./handlers/model-registry-handlers.js";
import { DeploymentProber } from "./health/deployment-prober.js";
import { HealthProber } from "./health/health-prober.js";
import { migrations } from "./migrations/index.js";
import { ModelStore } from "./store/model-store.js";

export interface RunningModelRegistry extends StartedService {
  runtime: ServiceRuntime;
  /** Runs one round of health probes now (tests; the timer runs them every HEALTH_PROBE_INTERVAL_MS). */
  probeHealthNow(): Promise<void>;
  stop(): Promise<void>;
}

/** The composition root: config → logger → stores → handlers → listen → register. */
export async function startModelRegistry(env: Environment, logger?: Logger): Promise<RunningModelRegistry> {
  const config = loadConfig(configSchema, env);
  const rootLogger = logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  try {
    const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
    await runtime.ensureTopics();
    const relay = runtime.startOutboxRelay(db);
    const deps: RegistryDeps = {
      models: new ModelStore(db),
      vault: new CredentialVault(config.SECRETS_KEY, config.SECRETS_KEY_PREVIOUS),
      prober: new DeploymentProber(undefined, config.VALIDATE_TIMEOUT_MS),
      events: new ModelEvents(config.EVENT_NAMESPACE, () => relay.kick()),
      now: () => new Date(),
    };
    await seedDemoModel(deps);
    const health = new HealthProber(deps, config.HEALTH_PROBE_INTERVAL_MS, runtime.logger);
    runtime.lifecycle.onShutdown("health-prober", () => health.stop());
    runtime.grpc.addService(modelRegistryV1.ModelRegistryServiceService, createModelRegistryHandlers(deps));
    const started = await runtime.start();
    health.start();
    return { ...started, runtime, probeHealthNow: () => health.probeOnce(), stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
