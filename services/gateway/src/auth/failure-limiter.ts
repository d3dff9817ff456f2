import { AppError, type Logger, type Redis } from "@llm-serve/common";

export interface FailureLimiterOptions {
  redis: Redis;
  /** Separate counters per kind of credential: a noisy API client does not lock its admins out. */
  scope: "api-key" | "admin-token";
  limit: number;
  windowSeconds: number;
  logger: Logger;
}

/**
 * Counts failed credential presentations per client IP in Redis (shared by every gateway
 * instance), in fixed windows. When Redis is unreachable it lets requests through (logged): a
 * Redis outage must not lock every client out.
 */
export class FailureLimiter {
  constructor(private readonly options: FailureLimiterOptions) {}

  #key(ip: string): string {
    return `auth-failures:${this.options.scope}:${ip}`;
  }

  /** Throws `rate_limited` (429 with Retry-After) when the IP has used up its failures. */
  async assertNotBlocked(ip: string): Promise<void> {
    const { redis, limit, logger } = this.options;
    try {
      const [count, ttl] = await Promise.all([redis.get(this.#key(ip)), redis.ttl(this.#key(ip))]);
      if (Number(count ?? 0) < limit) return;
      throw new AppError("rate_limited", "Too many failed authentication attempts from your address. Try again later.", {
        details: { retryAfterSeconds: Math.max(ttl, 1), openaiCode: "too_many_failed_attempts" },
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      logger.warn({ err: error }, "auth failure limiter unavailable; not limiting");
    }
  }

  async recordFailure(ip: string): Promise<void> {
    const { redis, windowSeconds, logger } = this.options;
    try {
      await redis.multi().incr(this.#key(ip)).expire(this.#key(ip), windowSeconds, "NX").exec();
    } catch (error) {
      logger.warn({ err: error }, "could not count a failed authentication");
    }
  }
}
