import { AppError, TOPICS, type Subscription } from "@llm-serve/common";
import { modelRegistryV1 } from "@llm-serve/proto";
import { RoutingEngine } from "@llm-serve/routing";
import type { ModuleContext, RoutingModule } from "../modules.js";
import type { AdminAuthenticator } from "../ports/authenticator.js";
import { adminRoutingRouter } from "./admin-routing-router.js";
import { ModelTable } from "./model-table.js";
import { loadRoutingConfig } from "./routing-config.js";
import { TableDeploymentRouter } from "./table-deployment-router.js";
import type { TableDeployment } from "./table-types.js";

const SUBSCRIPTION_READY_MS = 10_000;

/**
 * Routing on the request path: the registry's routing table held in memory (refreshed by model
 * events within about a second, and every GATEWAY_MODEL_CACHE_MS as a safety net), the routing
 * engine (strategies, retries and retry budget, circuit breakers, fallbacks), and the admin API
 * of models and providers.
 */
export async function createRoutingModule(context: ModuleContext): Promise<RoutingModule> {
  const { runtime, config } = context;
  const settings = loadRoutingConfig(context.env);
  const registry = runtime.client(modelRegistryV1.ModelRegistryServiceService, "model-registry", {
    idempotent: ["listModels", "getModel", "resolveModel", "listModelVersions", "listRoutingTable"],
  });
  const engine = new RoutingEngine<TableDeployment>({
    circuitBreaker: { resetTimeoutMs: settings.ROUTING_CIRCUIT_COOLDOWN_MS, errorThresholdPercentage: settings.ROUTING_CIRCUIT_ERROR_PERCENT, volumeThreshold: settings.ROUTING_CIRCUIT_MIN_REQUESTS },
    retryBudget: { ratio: settings.ROUTING_RETRY_BUDGET_RATIO, minRetriesPerSecond: settings.ROUTING_RETRY_MIN_PER_SECOND },
  });
  runtime.lifecycle.onShutdown("routing-engine", () => engine.shutdown());
  engine.circuits.onStateChange((deploymentId, state) => runtime.logger.warn({ deploymentId, circuit: state }, "deployment circuit changed"));

  const table = new ModelTable(async () => (await registry.listRoutingTable({})).models, runtime.logger);
  table.onChange((models) => engine.retain(new Set(models.flatMap((model) => model.deployments.map((deployment) => deployment.id)))));
  await table.start(() => config.GATEWAY_MODEL_CACHE_MS);
  runtime.lifecycle.onShutdown("model-table", () => table.stop());
  await followModelEvents(context, () => void table.refresh());

  return {
    router: new TableDeploymentRouter(table, engine),
    adminRouter: adminRoutingRouter({ registry, adminAuthenticator: adminAuthenticatorOf(context), table, engine }),
  };
}

/**
 * Every gateway instance must see every change: one consumer group per instance and topic, from
 * the newest offset. Waits (bounded) until both consumers have joined, so that a change made after
 * start-up is not missed.
 */
async function followModelEvents(context: ModuleContext, onChange: () => void): Promise<void> {
  const { runtime } = context;
  const topics = [
    { groupId: `gateway.model-cache.${runtime.instanceId}`, topic: TOPICS.modelConfigUpdated },
    { groupId: `gateway.model-status.${runtime.instanceId}`, topic: TOPICS.modelStatusChanged },
  ] as const;
  const subscriptions: Subscription[] = [];
  for (const { groupId, topic } of topics) {
    const subscription = await runtime.bus.subscribe<unknown>({ groupId, topic: topic as typeof TOPICS.modelConfigUpdated, fromBeginning: false, handler: async () => onChange() });
    runtime.lifecycle.onShutdown(`consumer:${groupId}`, () => subscription.stop());
    subscriptions.push(subscription);
  }
  const joined = Promise.all(subscriptions.map((subscription) => subscription.ready));
  const timedOut = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), SUBSCRIPTION_READY_MS).unref());
  if ((await Promise.race([joined, timedOut])) === "timeout") runtime.logger.warn("model event consumers not ready yet; the periodic refresh covers the gap");
}

/** The auth module's admin authenticator (app.ts builds auth first); without it, admin routes refuse. */
function adminAuthenticatorOf(context: ModuleContext): AdminAuthenticator {
  return context.adminAuthenticator ?? { authenticateAdmin: async () => Promise.reject(new AppError("unauthenticated", "The admin API is not available.")) };
}
