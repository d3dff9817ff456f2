import { AppError, type Redis } from "@llm-serve/common";

/**
 * Remembers the nonces of signed requests for as long as their timestamps are acceptable, in Redis
 * (SET NX with TTL), so a replay is refused by whichever gateway instance it reaches. When Redis is
 * unreachable signed requests are refused (503): accepting them would accept replays.
 */
export class NonceRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  /** True the first time a nonce is seen for this key, false ever after (within the TTL). */
  async claim(keyId: string, nonce: string): Promise<boolean> {
    try {
      const stored = await this.redis.set(`nonce:${keyId}:${nonce}`, "1", "EX", this.ttlSeconds, "NX");
      return stored === "OK";
    } catch (error) {
      throw new AppError("unavailable", "Signed requests cannot be checked right now; try again shortly.", { cause: error });
    }
  }
}
