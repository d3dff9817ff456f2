import type { Subscription } from "@llm-serve/common";
import { authKeyV1, quotaV1 } from "@llm-serve/proto";
import { createAuthAdminRouter } from "../admin/auth-admin-router.js";
import type { AuthModule, ModuleContext } from "../modules.js";
import { AdminTokenAuthenticator } from "./admin-token-authenticator.js";
import { loadAuthSettings, nonceTtlSeconds } from "./auth-settings.js";
import { FailureLimiter } from "./failure-limiter.js";
import { followKeyChanges } from "./key-cache-invalidation.js";
import { KeyAuthenticator } from "./key-authenticator.js";
import { KeyStreamSessions } from "./key-stream-sessions.js";
import { NonceRegistry } from "./nonce-registry.js";
import { PrincipalCache } from "./principal-cache.js";

const CONSUMER_READY_TIMEOUT_MS = 15_000;

async function awaitReady(subscriptions: Subscription[], warn: (message: string) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), CONSUMER_READY_TIMEOUT_MS)));
  const outcome = await Promise.race([Promise.all(subscriptions.map((subscription) => subscription.ready)), timeout]);
  clearTimeout(timer);
  if (outcome === "timeout") warn("key change consumers not ready yet; revocations rely on the cache TTL until they are");
}

/**
 * API keys (cached VerifyKey, revocation by events, IP allow-lists, signatures, scopes, failure
 * limits per IP) and admin tokens, both verified by auth-key over gRPC; plus the admin REST API of
 * organizations, projects, keys, users and the audit trail.
 */
export async function createAuthModule(context: ModuleContext): Promise<AuthModule> {
  const { runtime } = context;
  const settings = loadAuthSettings(context.env);
  const redis = runtime.openRedis(settings.REDIS_URL, settings.redisPrefix);
  const authKey = runtime.client(authKeyV1.AuthKeyServiceService, "auth-key", { idempotent: ["verifyKey", "authenticateAdmin"], deadlineMs: 3_000 });
  const admin = runtime.client(authKeyV1.AuthAdminServiceService, "auth-key", {
    idempotent: ["listOrganizations", "getOrganization", "listProjects", "getProject", "listKeys", "getKey", "listUsers", "getUser", "listAdminTokens", "listAuditRecords"],
  });
  const cache = new PrincipalCache({
    ttlMs: () => settings.AUTH_CACHE_TTL_MS,
    negativeTtlMs: () => settings.AUTH_NEGATIVE_CACHE_TTL_MS,
    maxEntries: settings.AUTH_CACHE_MAX_ENTRIES,
  });
  const streams = new KeyStreamSessions({ maxPerKey: () => context.config.GATEWAY_MAX_SSE_STREAMS_PER_KEY });
  const subscriptions = await followKeyChanges(runtime, (keyId) => {
    cache.invalidate(keyId);
    streams.endKey(keyId);
  });
  runtime.lifecycle.onShutdown("key-change-consumers", async () => void (await Promise.all(subscriptions.map((subscription) => subscription.stop()))));
  await awaitReady(subscriptions, (message) => runtime.logger.warn(message));

  const limits = { redis, limit: settings.AUTH_FAILURE_LIMIT, windowSeconds: settings.AUTH_FAILURE_WINDOW_SECONDS, logger: runtime.logger };
  // A nonce must be remembered as long as any timestamp that could carry it is accepted, by any
  // gateway: the margin covers the clock difference between instances.
  const nonces = new NonceRegistry(redis, nonceTtlSeconds(settings));
  const authenticator = new KeyAuthenticator({
    authKey,
    cache,
    limiter: new FailureLimiter({ ...limits, scope: "api-key" }),
    nonces,
    signatureToleranceSeconds: settings.AUTH_SIGNATURE_TOLERANCE_SECONDS,
    maxBodyBytes: () => context.config.GATEWAY_MAX_BODY_BYTES,
  });
  const adminAuthenticator = new AdminTokenAuthenticator(authKey, new FailureLimiter({ ...limits, scope: "admin-token" }));
  // The quota service says who owns the policies keys name (changing those ids needs that power).
  const quota = runtime.client(quotaV1.QuotaServiceService, "quota", { idempotent: ["getPolicy"] });
  const adminRouter = createAuthAdminRouter({
    adminAuthenticator,
    admin,
    quota,
    onKeyChanged: (keyId) => {
      cache.invalidate(keyId);
      streams.endKey(keyId);
    },
  });
  return { authenticator, adminAuthenticator, adminRouter, streams, probe: { name: "redis", check: () => redis.ping() } };
}
