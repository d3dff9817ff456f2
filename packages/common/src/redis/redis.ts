import { Redis } from "ioredis";

export { Redis } from "ioredis";

export interface RedisOptions {
  url: string;
  /** Prepended to every key: services and tests never share a key space by accident. */
  keyPrefix?: string;
  /** Fail commands fast instead of queueing them while Redis is down. */
  maxRetriesPerRequest?: number;
}

export function createRedis(options: RedisOptions): Redis {
  return new Redis(options.url, {
    keyPrefix: options.keyPrefix ?? "",
    maxRetriesPerRequest: options.maxRetriesPerRequest ?? 2,
    enableOfflineQueue: true,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
