import { loadConfig, redisEnv, type Environment } from "@llm-serve/common";
import { z } from "zod";

const milliseconds = (max: number) => z.coerce.number().int().min(0).max(max);

/**
 * The auth module's own environment keys, validated when the gateway starts (fail fast, every bad
 * key listed). They live here rather than in the gateway's config so the module stays self-contained.
 */
export const authSettingsSchema = redisEnv.extend({
  EVENT_NAMESPACE: z.string().default(""),
  /** Prefix of the module's Redis keys; defaults to one derived from EVENT_NAMESPACE. */
  AUTH_REDIS_PREFIX: z.string().optional(),
  /** How long a verified key is answered from memory (revocations and updates drop it at once). */
  AUTH_CACHE_TTL_MS: milliseconds(600_000).default(60_000),
  /** How long an unknown key is refused from memory without asking auth-key again. */
  AUTH_NEGATIVE_CACHE_TTL_MS: milliseconds(60_000).default(5_000),
  AUTH_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  /** Failed key or admin-token presentations allowed per client IP and window; then 429. */
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Accepted clock difference of signed requests, either way. */
  AUTH_SIGNATURE_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
  /**
   * Added to the nonce memory of signed requests (2 × tolerance + margin): it covers the clock
   * difference between gateway instances, so a nonce is never forgotten by one gateway while
   * another still accepts its timestamp. Keep it above the worst clock skew between gateways.
   */
  AUTH_NONCE_TTL_MARGIN_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});

export type AuthSettings = z.infer<typeof authSettingsSchema> & { redisPrefix: string };

export function loadAuthSettings(env: Environment): AuthSettings {
  const settings = loadConfig(authSettingsSchema, env);
  const redisPrefix = settings.AUTH_REDIS_PREFIX ?? `${settings.EVENT_NAMESPACE || "llmserve"}:gateway:auth:`;
  return Object.freeze({ ...settings, redisPrefix });
}

/** How long a signed request's nonce is remembered: the whole accepted window, plus the margin. */
export function nonceTtlSeconds(settings: Pick<AuthSettings, "AUTH_SIGNATURE_TOLERANCE_SECONDS" | "AUTH_NONCE_TTL_MARGIN_SECONDS">): number {
  return 2 * settings.AUTH_SIGNATURE_TOLERANCE_SECONDS + settings.AUTH_NONCE_TTL_MARGIN_SECONDS;
}
