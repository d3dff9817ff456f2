import { createLogger, loadConfig, type Environment, type Logger } from "@llm-serve/common";
import { ServiceRuntime, type StartedService } from "@llm-serve/grpc";
import { analyticsV1, billingV1 } from "@llm-serve/proto";
import { BillingLedgerCosts } from "./billing/billing-ledger-costs.js";
import { maintainPartitions } from "./domain/maintain-partitions.js";
import { pruneRollups } from "./domain/prune-rollups.js";
import { checkRetention, type RollupRetention } from "./rollups/rollup-retention.js";
import { SqlRollupPruner } from "./store/rollup-pruner.js";
import { PeriodicTask } from "./events/periodic-task.js";
import { RecordPartitions } from "./store/record-partitions.js";
import { RecordWriter } from "./store/record-writer.js";
import { RollupReader } from "./store/rollup-reader.js";
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
    const partitions = new RecordPartitions(db);
    const retention = { retentionDays: config.ANALYTICS_RECORD_RETENTION_DAYS, aheadDays: config.ANALYTICS_PARTITIONS_AHEAD_DAYS };
    const rollupDays: RollupRetention = { minute: config.ANALYTICS_ROLLUP_MINUTE_RETENTION_DAYS, hour: config.ANALYTICS_ROLLUP_HOUR_RETENTION_DAYS, day: config.ANALYTICS_ROLLUP_DAY_RETENTION_DAYS };
    checkRetention(rollupDays);
    const rollupPruning = { rollups: new SqlRollupPruner(db), clock: Date.now, logger: runtime.logger };
    const maintain = async () => {
      await maintainPartitions({ partitions, clock: Date.now, logger: runtime.logger }, retention);
      await pruneRollups(rollupPruning, rollupDays);
    };
    const maintenance = new PeriodicTask("record-partitions", maintain, {
      intervalMs: config.ANALYTICS_PARTITION_MAINTENANCE_MS,
      logger: runtime.logger,
    });
    // Partitions exist before the first event is consumed.
    await maintain();
    maintenance.start();
    runtime.lifecycle.onShutdown("record-partitions", () => maintenance.stop());
    const usage = new UsageStore(db, new RecordWriter({ partitions, retentionDays: config.ANALYTICS_RECORD_RETENTION_DAYS, clock: Date.now }));
    const billing = runtime.client(billingV1.BillingServiceService, "billing", { idempotent: ["sumLedger"], deadlineMs: 5_000 });
    await runtime.ensureTopics();
    const subscription = await subscribeToUsage(runtime.bus, { usage, logger: runtime.logger });
    runtime.lifecycle.onShutdown("usage-consumer", () => subscription.stop());
    const reports = { rollups: new RollupReader(db), costs: new BillingLedgerCosts(billing), logger: runtime.logger, retention: { days: rollupDays, clock: Date.now } };
    runtime.grpc.addService(analyticsV1.AnalyticsServiceService, createAnalyticsHandlers({ usage, ...reports }));
    await createAlerting(runtime, db, env, SERVICE_NAME, reports.costs);
    const started = await runtime.start();
    return { ...started, runtime, consuming: subscription.ready, stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
