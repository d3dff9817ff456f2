import { randomBytes } from "node:crypto";
import { createLogger, encodeEvent, loadConfig, type Environment, type EventInput, type Knex, type Logger, type OutboxRelay, type Redis } from "@llm-serve/common";
import { ServiceRuntime, liveConfig, type StartedService } from "@llm-serve/grpc";
import { billingV1, quotaV1 } from "@llm-serve/proto";
import { KeyLayout, QuotaState, quotaKeyPrefix, type QuotaSettings } from "@llm-serve/quota-engine";
import type { PriceBook } from "@llm-serve/pricing";
import { BillingPriceSource } from "./billing-prices.js";
import { configSchema, RELOADABLE_KEYS, SERVICE_NAME, type QuotaConfig } from "./config.js";
import { publishNotice } from "./domain/publish-notice.js";
import type { QuotaDeps } from "./domain/quota-deps.js";
import { settingsFromConfig } from "./domain/quota-settings.js";
import { rebuildCounters } from "./domain/rebuild-counters.js";
import { NoticeReader } from "./events/notice-reader.js";
import { RebuildWatcher } from "./events/rebuild-watcher.js";
import { subscribeToUsage } from "./events/usage-consumer.js";
import { createQuotaHandlers } from "./handlers/quota-handlers.js";
import { migrations } from "./migrations/index.js";
import { NoticeStore } from "./store/notice-store.js";
import { PolicyStore } from "./store/policy-store.js";
import { UsageStore } from "./store/usage-store.js";

export interface RunningQuota extends StartedService {
  runtime: ServiceRuntime;
  /** Resolves when the usage consumer has joined its group. */
  consuming: Promise<void>;
  deps: QuotaDeps;
  stop(): Promise<void>;
}

export interface QuotaOptions {
  logger?: Logger;
  /** Injected clock (tests); defaults to Date.now. */
  clock?: () => number;
}

/**
 * The composition root: config → logger → Postgres, Redis, Kafka → stores and domain deps →
 * usage consumer, notice reader, rebuild watcher → gRPC → listen → register.
 */
export async function startQuota(env: Environment, options: QuotaOptions = {}): Promise<RunningQuota> {
  const config = loadConfig(configSchema, env);
  const rootLogger = options.logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  try {
    const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
    const redis = runtime.openRedis(config.REDIS_URL);
    await redis.ping();
    const layout = new KeyLayout(quotaKeyPrefix(config.QUOTA_REDIS_KEY_PREFIX, config.EVENT_NAMESPACE));
    await runtime.ensureTopics();
    const relay = runtime.startOutboxRelay(db);
    const live = liveConfig(configSchema, env, config, RELOADABLE_KEYS, runtime.logger);
    let current: QuotaConfig = config;
    const billingPrices = new BillingPriceSource(runtime.client(billingV1.BillingServiceService, "billing", { idempotent: ["getPriceSnapshot"], deadlineMs: 5_000 }), {
      refreshMs: config.QUOTA_BILLING_PRICES_REFRESH_MS,
      logger: runtime.logger,
      onChange: () => {
        settings = pricedSettings(current);
        void deps.announce().catch((error: unknown) => runtime.logger.warn({ err: error }, "could not announce a price change"));
      },
    });
    const pricedSettings = (next: QuotaConfig) => settingsFromConfig(next, { prices: billingPrices.table, priceBook: billingPrices.book });
    let settings = pricedSettings(config);
    const deps = createDeps({ runtime, db, redis, layout, relay, settings: () => settings, priceBook: () => billingPrices.book, clock: options.clock ?? Date.now, namespace: config.EVENT_NAMESPACE });
    live.onChange((next) => {
      rootLogger.level = next.LOG_LEVEL;
      current = next;
      settings = pricedSettings(next);
      void deps.announce().catch((error: unknown) => runtime.logger.warn({ err: error }, "could not announce a settings change"));
    });
    await runtime.watchConfig(live);
    await billingPrices.start(runtime.bus, runtime.instanceId);
    runtime.lifecycle.onShutdown("billing-prices", () => billingPrices.stop());

    const subscription = await subscribeToUsage(runtime.bus, deps);
    runtime.lifecycle.onShutdown("usage-consumer", () => subscription.stop());
    const notices = new NoticeReader(runtime.openRedis(config.REDIS_URL), layout, runtime.instanceId, (notice) => publishNotice(deps, notice), runtime.logger);
    notices.start();
    runtime.lifecycle.onShutdown("notice-reader", () => notices.stop());
    const watcher = new RebuildWatcher(deps.state, () => rebuildCounters(deps), { intervalMs: config.QUOTA_REBUILD_CHECK_MS, owner: runtime.instanceId, clock: deps.clock, logger: runtime.logger });
    watcher.start();
    runtime.lifecycle.onShutdown("rebuild-watcher", () => watcher.stop());

    runtime.grpc.addService(quotaV1.QuotaServiceService, createQuotaHandlers(deps, () => watcher.forceRebuild()));
    const started = await runtime.start();
    return { ...started, runtime, consuming: subscription.ready, deps, stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}

function createDeps(input: {
  runtime: ServiceRuntime;
  db: Knex;
  redis: Redis;
  layout: KeyLayout;
  relay: OutboxRelay;
  settings: () => QuotaSettings;
  priceBook: () => PriceBook;
  clock: () => number;
  namespace: string;
}): QuotaDeps {
  const { runtime, db, redis, layout, relay } = input;
  return {
    policies: new PolicyStore(db),
    usage: new UsageStore(db),
    notices: new NoticeStore(db),
    settings: input.settings,
    priceBook: input.priceBook,
    announce: async () => void (await redis.publish(layout.policyChannel, String(Date.now()))),
    redis,
    layout,
    state: new QuotaState(redis, layout),
    clock: input.clock,
    newPolicyId: () => `qp_${randomBytes(12).toString("hex")}`,
    encode: <T>(event: EventInput<T>) => encodeEvent(event, { source: SERVICE_NAME, namespace: input.namespace }),
    kickRelay: () => relay.kick(),
    logger: runtime.logger,
  };
}
