import { randomUUID } from "node:crypto";
import type { Redis } from "@llm-serve/common";
import type { HeldUsage } from "./usage-hold.js";

/** The answer kept for a completed key: what a retry gets back instead of a second upstream call. */
export interface StoredAnswer {
  fingerprint: string;
  status: number;
  /** Only the gateway's own `x-llmserve-*` and `x-ratelimit-*` headers: never a credential. */
  headers: Record<string, string>;
  /** The JSON body as sent; absent when it was streamed or larger than the bound (not replayable). */
  body?: string;
  /** Why the body is absent. */
  notStored?: "streamed" | "too_large";
  /** The usage events of a replayable answer, kept in the same write (ADR 0039). */
  usage?: HeldUsage[];
  /** The quota settlement's receipt, kept with the events (ADR 0039). */
  settlement?: unknown;
}

/** What a request finds under its key. */
export type Claim =
  | { kind: "owner"; lease: Lease }
  | { kind: "running"; fingerprint: string; retryAfterMs: number }
  | { kind: "done"; answer: StoredAnswer };

/** A reservation held by this gateway: renewed while the request runs, so a crash lets it lapse. */
export interface Lease {
  /** Pushes the lease's expiry forward; false once it was lost (taken over or completed). */
  renew(): Promise<boolean>;
  /** Replaces the reservation with the answer, kept for the key's time to live. */
  complete(answer: StoredAnswer): Promise<void>;
  /** Frees the key (the request failed in a way a retry may repeat). */
  release(): Promise<void>;
}

export interface IdempotencyStoreOptions {
  leaseMs: number;
  ttlSeconds: number;
}

const RUNNING = "running|";
const DONE = "done|";

// Each script acts only while the value still names this owner: a gateway whose lease lapsed (a
// stall longer than the lease) must not overwrite the retry that took the key over.
const RENEW = `if string.sub(redis.call('GET', KEYS[1]) or '', 1, #ARGV[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const COMPLETE = `if string.sub(redis.call('GET', KEYS[1]) or '', 1, #ARGV[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) return 1 end return 0`;
const RELEASE = `if string.sub(redis.call('GET', KEYS[1]) or '', 1, #ARGV[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Idempotency keys in Redis (ADR 0031). One Redis key per (project, Idempotency-Key): while the
 * first request runs it holds `running|<owner>|<fingerprint>` with a short lease its gateway
 * renews; once answered, `done|<answer JSON>` for the time to live. A gateway that dies stops
 * renewing, the lease lapses, and a retry on another gateway takes the key over with SET NX.
 */
export class IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly options: IdempotencyStoreOptions,
  ) {}

  async claim(key: string, fingerprint: string): Promise<Claim> {
    // A value that lapses between the SET and the GET is simply claimed on the next turn.
    for (let turn = 0; turn < 3; turn += 1) {
      const owner = `${RUNNING}${randomUUID()}|`;
      const reserved = await this.redis.set(key, `${owner}${fingerprint}`, "PX", this.options.leaseMs, "NX");
      if (reserved === "OK") return { kind: "owner", lease: this.#lease(key, owner) };
      const [value, remainingMs] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
      if (value === null) continue;
      if (value.startsWith(DONE)) return { kind: "done", answer: JSON.parse(value.slice(DONE.length)) as StoredAnswer };
      return { kind: "running", fingerprint: value.slice(value.lastIndexOf("|") + 1), retryAfterMs: Math.max(remainingMs, 0) };
    }
    throw new Error("idempotency key changed hands three times in a row");
  }

  #lease(key: string, owner: string): Lease {
    const { redis, options } = this;
    return {
      renew: async () => Number(await redis.eval(RENEW, 1, key, owner, String(options.leaseMs))) === 1,
      complete: async (answer) => void (await redis.eval(COMPLETE, 1, key, owner, `${DONE}${JSON.stringify(answer)}`, String(options.ttlSeconds))),
      release: async () => void (await redis.eval(RELEASE, 1, key, owner)),
    };
  }
}
