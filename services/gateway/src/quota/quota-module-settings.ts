import { loadConfig, redisEnv, type Environment } from "@llm-serve/common";
import { quotaKeyPrefix } from "@llm-serve/quota-engine";
import { z } from "zod";

const milliseconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * The quota module's own environment keys, validated when the gateway starts (fail fast, every bad
 * key listed). Policies, defaults, thresholds, prices and time zone come from the quota service.
 */
export const quotaModuleSettingsSchema = redisEnv.extend({
  EVENT_NAMESPACE: z.string().default(""),
  /** The Redis holding the quota counters; defaults to REDIS_URL. Must be the quota service's. */
  QUOTA_REDIS_URL: z.string().startsWith("redis").optional(),
  /** Must equal the quota service's; default `<EVENT_NAMESPACE or llmserve>:quota:`. */
  QUOTA_REDIS_KEY_PREFIX: z.string().min(1).optional(),
  /** How long a reservation survives its gateway: a dead gateway's holds are free after this. */
  QUOTA_HOLD_TTL_MS: milliseconds(100, 600_000).default(30_000),
  /** A Redis command slower than this counts as Redis unavailable (each policy's fail mode applies). */
  QUOTA_REDIS_TIMEOUT_MS: milliseconds(10, 10_000).default(1_000),
  /** Safety-net refresh of the cached policies (changes are also announced at once). */
  QUOTA_POLICY_REFRESH_MS: milliseconds(100, 600_000).default(5_000),
  /** What to do while no policy snapshot could be loaded yet from the quota service. */
  QUOTA_UNLOADED_MODE: z.enum(["open", "closed"]).default("open"),
  /** At most one fail-opened event (and warning line) per policy and subject in this interval. */
  QUOTA_FAIL_OPEN_EVENT_INTERVAL_MS: milliseconds(0, 3_600_000).default(60_000),
  /** Settlements that could not reach Redis are retried this long, then dropped (logged). */
  QUOTA_SETTLE_RETRY_MS: milliseconds(1_000, 3_600_000).default(300_000),
  /**
   * The platform's cap on a policy's `admission_wait_ms`: how long a request refused only by other
   * requests' holds may wait in line (0 turns waiting off everywhere).
   */
  QUOTA_ADMISSION_WAIT_MAX_MS: milliseconds(0, 60_000).default(10_000),
});

export type QuotaModuleSettings = z.infer<typeof quotaModuleSettingsSchema> & { keyPrefix: string; redisUrl: string };

export function loadQuotaModuleSettings(env: Environment): QuotaModuleSettings {
  const settings = loadConfig(quotaModuleSettingsSchema, env);
  return Object.freeze({ ...settings, keyPrefix: quotaKeyPrefix(settings.QUOTA_REDIS_KEY_PREFIX, settings.EVENT_NAMESPACE), redisUrl: settings.QUOTA_REDIS_URL ?? settings.REDIS_URL });
}
