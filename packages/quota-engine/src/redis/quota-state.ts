import type { Redis } from "ioredis";
import type { KeyLayout } from "../counters/key-layout.js";

/**
 * The trust markers of the counters. `epoch` exists only while the counters are complete: a Redis
 * that restarts empty has none, and the scripts then answer "state lost" until the quota service
 * has rebuilt the counters from Postgres and set it again. `heartbeat` only ever grows; a smaller
 * value than the one last written means Redis came back from an older snapshot.
 */
export class QuotaState {
  constructor(
    private readonly redis: Redis,
    private readonly layout: KeyLayout,
  ) {}

  async isTrusted(): Promise<boolean> {
    return (await this.redis.exists(this.layout.epoch)) === 1;
  }

  async markTrusted(rebuiltAtMs: number): Promise<void> {
    await this.redis.set(this.layout.epoch, String(rebuiltAtMs));
  }

  async distrust(): Promise<void> {
    await this.redis.del(this.layout.epoch);
  }

  /** Writes a larger heartbeat; returns the value found before (0 when none). */
  async beat(value: number): Promise<number> {
    const previous = await this.redis.getset(this.layout.heartbeat, String(value));
    return Number(previous ?? 0);
  }

  /** Only one quota instance rebuilds at a time. */
  async tryLockRebuild(owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.layout.rebuildLock, owner, "PX", ttlMs, "NX")) === "OK";
  }

  async unlockRebuild(owner: string): Promise<void> {
    const script = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
    await this.redis.eval(script, 1, this.layout.rebuildLock, owner);
  }

  /** Sets a counter's settled usage in one cycle (the rebuild writes what Postgres recorded). */
  async writeUsage(entries: ReadonlyArray<{ bucket: string; used: number; expireAtMs: number }>): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const entry of entries) {
      pipeline.hset(entry.bucket, "used", entry.used);
      pipeline.pexpireat(entry.bucket, entry.expireAtMs);
    }
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }
}
