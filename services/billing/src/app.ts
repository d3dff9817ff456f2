import { randomBytes } from "node:crypto";
import { createLogger, encodeEvent, loadConfig, type Environment, type EventInput, type Logger } from "@llm-serve/common";
import { ServiceRuntime, type StartedService } from "@llm-serve/grpc";
import { billingV1, modelRegistryV1 } from "@llm-serve/proto";
import { BillingMetrics } from "./billing-metrics.js";
import { configSchema, SERVICE_NAME } from "./config.js";
import type { BillingDeps } from "./domain/billing-deps.js";
import { closeDueCycles } from "./domain/close-due-cycles.js";
import { pricePendingUsage } from "./domain/price-pending-usage.js";
import { PeriodicTask } from "./events/periodic-task.js";
import { subscribeToUsage } from "./events/usage-consumer.js";
import { createBillingHandlers } from "./handlers/billing-handlers.js";
import { migrations } from "./migrations/index.js";
import { RegistryModelPlans } from "./registry/registry-model-plans.js";
import { AccountStore } from "./store/account-store.js";
import { BillStore } from "./store/bill-store.js";
import { LedgerStore } from "./store/ledger-store.js";
import { ModifierStore } from "./store/modifier-store.js";
import { PricePlanStore } from "./store/price-plan-store.js";

export interface RunningBilling extends StartedService {
  runtime: ServiceRuntime;
  deps: BillingDeps;
  /** Resolves when the usage consumer has joined its group. */
  consuming: Promise<void>;
  /** Prices held usage now; resolves when done. */
  pricePending(): Promise<void>;
  stop(): Promise<void>;
}

export interface BillingOptions {
  logger?: Logger;
  /** Injected clock (tests); defaults to Date.now. */
  clock?: () => number;
}

/**
 * The composition root: config → logger → Postgres, Kafka, registry client → stores and domain deps →
 * usage consumer, held-usage pricer, cycle closer → gRPC → listen → register.
 */
export async function startBilling(env: Environment, options: BillingOptions = {}): Promise<RunningBilling> {
  const config = loadConfig(configSchema, env);
  const rootLogger = options.logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  try {
    const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
    await runtime.ensureTopics();
    const relay = runtime.startOutboxRelay(db);
    const clock = options.clock ?? Date.now;
    const registry = runtime.client(modelRegistryV1.ModelRegistryServiceService, "model-registry", { idempotent: ["getModel", "listModels"], deadlineMs: 5_000 });
    const modelPlans = new RegistryModelPlans(registry, { cacheMs: config.BILLING_MODEL_PLAN_CACHE_MS, clock });
    const deps: BillingDeps = {
      plans: new PricePlanStore(db),
      modifiers: new ModifierStore(db),
      ledger: new LedgerStore(db),
      bills: new BillStore(db),
      accounts: new AccountStore(db),
      modelPlans,
      pendingReporter: new BillingMetrics(runtime.metrics),
      clock,
      newBillId: () => `bill_${randomBytes(12).toString("hex")}`,
      newModifierId: () => `pm_${randomBytes(12).toString("hex")}`,
      encode: <T>(event: EventInput<T>) => encodeEvent(event, { source: SERVICE_NAME, namespace: config.EVENT_NAMESPACE }),
      kickRelay: () => relay.kick(),
      logger: runtime.logger,
    };
    const pendingPricer = new PeriodicTask("price-pending-usage", () => pricePendingUsage(deps), { intervalMs: config.BILLING_PENDING_RETRY_MS, logger: runtime.logger });
    const cycleCloser = new PeriodicTask("close-due-cycles", () => closeDueCycles(deps, { orgId: "" }), { intervalMs: config.BILLING_CLOSE_CHECK_MS, logger: runtime.logger });
    const subscription = await subscribeToUsage(runtime.bus, deps);
    runtime.lifecycle.onShutdown("usage-consumer", () => subscription.stop());
    for (const task of [pendingPricer, cycleCloser]) {
      task.start();
      runtime.lifecycle.onShutdown("billing-tasks", () => task.stop());
    }
    const onPlanChanged = () => {
      modelPlans.clear();
      void pendingPricer.kick();
    };
    runtime.grpc.addService(billingV1.BillingServiceService, createBillingHandlers(deps, { onPlanChanged }));
    const started = await runtime.start();
    return { ...started, runtime, deps, consuming: subscription.ready, pricePending: () => pendingPricer.kick(), stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
