import { AppError, Redis, createDatabase, encodeEvent, enqueueEvents, type EventInput } from "@llm-serve/common";
import { authKeyV1, quotaV1, type eventsV1 } from "@llm-serve/proto";
import { KeyLayout, QuotaEngine } from "@llm-serve/quota-engine";
import type { ModuleContext, QuotaModule } from "../modules.js";
import type { AdminAuthenticator } from "../ports/authenticator.js";
import { AdmissionWaiter } from "./admission-waiter.js";
import { FailOpenReporter } from "./fail-open-reporter.js";
import { PendingSettlements } from "./pending-settlements.js";
import { PolicyCache } from "./policy-cache.js";
import { quotaAdminRouter } from "./quota-admin-router.js";
import { QuotaMetrics } from "./quota-metrics.js";
import { loadQuotaModuleSettings, type QuotaModuleSettings } from "./quota-module-settings.js";
import { RedisQuotaGate } from "./redis-quota-gate.js";
import { snapshotFromProto } from "./snapshot-from-proto.js";

const REDIS_READY_WAIT_MS = 2_000;

/**
 * Quotas on the request path without an RPC per request: policies cached from the quota service,
 * reserve and settle as Lua scripts on Redis (shared by every gateway replica), fail modes when
 * Redis is away; plus the admin REST API of policies (proxied to the quota service).
 */
export async function createQuotaModule(context: ModuleContext): Promise<QuotaModule> {
  const { runtime, config } = context;
  const settings = loadQuotaModuleSettings(context.env);
  const layout = new KeyLayout(settings.keyPrefix);
  const metrics = new QuotaMetrics(runtime.metrics);
  const redis = await openEnforcementRedis(context, settings);
  const engine = new QuotaEngine({
    redis,
    layout,
    holdTtlMs: settings.QUOTA_HOLD_TTL_MS,
    // A settlement retried in the background must still be recognised as a repeat.
    settleMarkerTtlMs: settings.QUOTA_SETTLE_RETRY_MS + 60_000,
    onRenewError: (error) => runtime.logger.warn({ err: error }, "quota holds could not be renewed"),
    onRollback: (seen, answered) => runtime.logger.error({ seen, answered }, "Redis answered from older quota state (restored snapshot?): counters distrusted, rebuild requested"),
  });
  runtime.lifecycle.onShutdown("quota-engine", () => engine.close());

  const quotaClient = runtime.client(quotaV1.QuotaServiceService, "quota", { idempotent: ["getPolicy", "listPolicies", "getPolicySnapshot", "getUsage"], deadlineMs: 3_000 });
  const cache = new PolicyCache(async () => snapshotFromProto(await quotaClient.getPolicySnapshot({})), runtime.logger);
  const subscriber = runtime.openRedis(settings.redisUrl);
  await cache.start({ refreshMs: settings.QUOTA_POLICY_REFRESH_MS, subscriber, channel: layout.policyChannel });
  runtime.lifecycle.onShutdown("quota-policy-cache", () => cache.stop());

  const pending = new PendingSettlements(engine, { maxAgeMs: settings.QUOTA_SETTLE_RETRY_MS, logger: runtime.logger, metrics });
  runtime.lifecycle.onShutdown("quota-pending-settlements", () => pending.flush().finally(() => pending.stop()));
  // Fail-opened events go through the gateway's own outbox (relayed with the usage events).
  const outbox = createDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: 2 });
  runtime.lifecycle.onShutdown("quota-outbox", () => outbox.destroy());
  const reporter = new FailOpenReporter({
    metrics,
    logger: runtime.logger,
    encode: (input: EventInput<eventsV1.QuotaFailOpened>) => encodeEvent(input, { source: "gateway", namespace: config.EVENT_NAMESPACE }),
    publish: (event) => enqueueEvents(outbox, [event]),
    instanceId: runtime.instanceId,
    intervalMs: settings.QUOTA_FAIL_OPEN_EVENT_INTERVAL_MS,
  });
  const waiter = settings.QUOTA_ADMISSION_WAIT_MAX_MS > 0 ? new AdmissionWaiter(runtime.openRedis(settings.redisUrl), layout.admissionChannel, runtime.logger) : undefined;
  await waiter?.start();
  const gate = new RedisQuotaGate({
    engine,
    cache,
    reporter,
    pending,
    metrics,
    logger: runtime.logger,
    unloadedMode: settings.QUOTA_UNLOADED_MODE,
    waiter,
    admissionWaitMaxMs: settings.QUOTA_ADMISSION_WAIT_MAX_MS,
  });

  const authAdmin = runtime.client(authKeyV1.AuthAdminServiceService, "auth-key", { idempotent: ["getOrganization", "getProject", "getKey"] });
  const adminRouter = quotaAdminRouter({ quota: quotaClient, authAdmin, adminAuthenticator: adminAuthenticatorOf(context), onPolicyChanged: () => cache.refresh() });
  return { quota: gate, adminRouter };
}

/**
 * The connection of the scripts: full keys (no ioredis prefix), no offline queue and a short
 * command timeout, so that an unreachable Redis turns into a fail-mode decision at once instead of
 * queued requests.
 */
async function openEnforcementRedis(context: ModuleContext, settings: QuotaModuleSettings): Promise<Redis> {
  const { runtime } = context;
  const redis = new Redis(settings.redisUrl, {
    enableOfflineQueue: false,
    // Concurrent requests' reserve/settle scripts leave in one write per event-loop turn: the quota
    // engine corks the socket for the turn (cheaper than ioredis's auto-pipelining).
    enableAutoPipelining: false,
    commandTimeout: settings.QUOTA_REDIS_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  let failures = 0;
  redis.on("error", (error) => {
    failures += 1;
    if (failures === 1 || failures % 50 === 0) runtime.logger.warn({ err: error, failures }, "quota redis error");
  });
  redis.on("ready", () => (failures = 0));
  runtime.lifecycle.onShutdown("quota-redis", async () => void (await redis.quit().catch(() => redis.disconnect())));
  // Without an offline queue, commands before the first connection would fail: wait (briefly).
  await new Promise<void>((resolve) => {
    redis.once("ready", () => resolve());
    setTimeout(resolve, REDIS_READY_WAIT_MS).unref();
  });
  return redis;
}

/** The auth module's admin authenticator (set in the context before this module is built). */
function adminAuthenticatorOf(context: ModuleContext): AdminAuthenticator {
  return context.adminAuthenticator ?? { authenticateAdmin: async () => Promise.reject(new AppError("unauthenticated", "The admin API is not available.")) };
}
