import type { Redis } from "ioredis";
import type { KeyLayout } from "../counters/key-layout.js";

/**
 * The trust markers of the counters. `epoch` exists only while the counters are complete: a Redis
 * that restarts empty has none, and the scripts then answer "state lost" until the quota service
 * has rebuilt the counters from Postgres and set it again. Its write sequence and `heartbeat` only
 * ever grow; seeing either go down means Redis came back from an older snapshot.
 */
export class QuotaState {
  constructor(
    private readonly redis: Redis,
    private readonly layout: KeyLayout,
  ) {}

  async isTrusted(): Promise<boolean> {
    return (await this.redis.exists(this.layout.epoch)) === 1;
  }

  /** Starts a new epoch (its id is the rebuild time; its write sequence starts at 0). */
  async markTrusted(rebuiltAtMs: number): Promise<void> {
    await this.redis.multi().del(this.layout.epoch).hset(this.layout.epoch, "id", rebuiltAtMs, "seq", 0).exec();
  }

  async distrust(): Promise<void> {
    await this.redis.del(this.layout.epoch);
  }

  /**
   * Raises the heartbeat to `value` (it never goes down, whatever the callers' clocks); returns the
   * value found before (0 when none). A value below one this caller wrote means lost data.
   */
  async beat(value: number): Promise<number> {
    const script = "local p = tonumber(redis.call('GET', KEYS[1]) or '0') if tonumber(ARGV[1]) > p then redis.call('SET', KEYS[1], ARGV[1]) end return p";
    return Number(await this.redis.eval(script, 1, this.layout.heartbeat, String(value)));
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
