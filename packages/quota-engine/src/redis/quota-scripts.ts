import type { Redis } from "ioredis";
import type { PlannedCounter } from "../counters/planned-counter.js";
import { RESERVE_SCRIPT } from "./reserve-script.js";
import { RENEW_SCRIPT, SETTLE_SCRIPT, SHRINK_SCRIPT } from "./settle-script.js";
import type { KeyLayout } from "../counters/key-layout.js";
import { TurnCoalescer } from "./turn-coalescer.js";

type ScriptCall = (numberOfKeys: number, ...keysAndArgs: Array<string | number>) => Promise<unknown>;

interface ScriptedRedis {
  quotaReserve: ScriptCall;
  quotaSettle: ScriptCall;
  quotaShrink: ScriptCall;
  quotaRenew: ScriptCall;
}

/** Which trusted state answered: the epoch (set by a rebuild) and its write sequence. */
export interface EpochMark {
  id: number;
  sequence: number;
}

export interface DeniedCounter {
  index: number;
  /** Used plus held over the window (without the request's own waiting hold). */
  committed: number;
  used: number;
}

export type ReserveReply =
  | { kind: "lost" }
  | { kind: "held"; epoch: EpochMark; redisNowMs: number; committed: number[] }
  | { kind: "denied" | "queued"; epoch: EpochMark; denials: DeniedCounter[] };
export type SettleReply =
  | { kind: "lost" }
  | { kind: "repeated"; epoch: EpochMark }
  | { kind: "settled"; epoch: EpochMark; counters: Array<{ holdFound: boolean; used: number }> };

/** How the scripts treat a counter: only tokens and cost can be refused for a while only. */
function counterKind(counter: PlannedCounter): number {
  switch (counter.info.metric) {
    case "requests":
      return 0;
    case "tokens":
    case "cost_micros":
      return 1;
    case "concurrency":
      return 2;
  }
}

/** What the settle script reads of a counter: a planned one, or one carried by a settlement receipt. */
export type SettledCounter = Pick<PlannedCounter, "keys" | "bucketExpireAtMs" | "ref" | "thresholds"> & { window: { cycles: ReadonlyArray<{ id: string }> } };

// A plan's ref is shared by every request of its counter within a cycle (`UserQuota.plan`):
// its JSON is made once, not twice per request.
const refJsons = new WeakMap<object, string>();

function refJson(ref: SettledCounter["ref"]): string {
  let json = refJsons.get(ref);
  if (json === undefined) refJsons.set(ref, (json = JSON.stringify(ref)));
  return json;
}

function counterKeys(counter: Pick<PlannedCounter, "keys">): string[] {
  return [counter.keys.holds, counter.keys.holdRecords, counter.keys.queue, counter.keys.queueDeadlines, ...counter.keys.buckets];
}

/**
 * The Lua scripts, loaded with ioredis `defineCommand` (EVALSHA, falling back to EVAL after a
 * Redis restart forgot them), and the encoding of counters into KEYS/ARGV.
 */
export class QuotaScripts {
  readonly #redis: Redis & ScriptedRedis;
  readonly #writes: TurnCoalescer;

  constructor(
    redis: Redis,
    private readonly layout: KeyLayout,
  ) {
    if (redis.options.keyPrefix) throw new Error("the quota engine builds full keys itself: give it a Redis client without keyPrefix");
    if (!("quotaReserve" in redis)) {
      redis.defineCommand("quotaReserve", { lua: RESERVE_SCRIPT });
      redis.defineCommand("quotaSettle", { lua: SETTLE_SCRIPT });
      redis.defineCommand("quotaShrink", { lua: SHRINK_SCRIPT });
      redis.defineCommand("quotaRenew", { lua: RENEW_SCRIPT });
    }
    this.#redis = redis as Redis & ScriptedRedis;
    this.#writes = new TurnCoalescer(redis);
  }

  /**
   * `recordDenials: false` leaves no trace of a refusal (no first-denial marker, no notice);
   * `waitMs > 0` queues a request refused only for a while instead of refusing it, where the
   * refusing counters' policies allow waiting (each counter waits at most its policy's
   * `admissionWaitMs`, and never longer than `waitMs`).
   */
  async reserve(input: { reservationId: string; requestId: string; holdTtlMs: number; holdKeyTtlMs: number; recordDenials: boolean; waitMs: number; counters: readonly PlannedCounter[] }): Promise<ReserveReply> {
    const keys: string[] = [this.layout.epoch, this.layout.notices];
    const args: Array<string | number> = [input.reservationId, input.holdTtlMs, input.requestId, input.counters.length, input.recordDenials ? 1 : 0, 0, this.layout.admissionChannel];
    for (const counter of input.counters) {
      keys.push(...counterKeys(counter));
      const waitMs = Math.max(0, Math.floor(Math.min(counter.applied.policy.admissionWaitMs ?? 0, input.waitMs)));
      args.push(counter.limit, counter.amount, counter.keys.buckets.length, counter.bucketExpireAtMs, input.holdKeyTtlMs, refJson(counter.ref), counter.markerCycleId, counterKind(counter), waitMs);
      args.push(...counter.window.cycles.map((cycle) => cycle.id));
    }
    this.#writes.cork();
    const reply = (await this.#redis.quotaReserve(keys.length, ...keys, ...args)) as number[];
    if (reply[0] === -1) return { kind: "lost" };
    const epoch = { id: reply[1] ?? 0, sequence: reply[2] ?? 0 };
    if (reply[0] === 1) return { kind: "held", epoch, redisNowMs: reply[3] ?? 0, committed: reply.slice(4) };
    const denials: DeniedCounter[] = [];
    for (let position = 3; position < reply.length; position += 3) {
      denials.push({ index: (reply[position] ?? 1) - 1, committed: reply[position + 1] ?? 0, used: reply[position + 2] ?? 0 });
    }
    return { kind: reply[0] === 2 ? "queued" : "denied", epoch, denials };
  }

  /** `mark: false` skips the idempotency marker: a waiter leaving its queues charges nothing. */
  async settle(input: { reservationId: string; requestId: string; mark: boolean; markerTtlMs: number; counters: ReadonlyArray<{ counter: SettledCounter; charge: number }> }): Promise<SettleReply> {
    const keys: string[] = [this.layout.epoch, this.layout.notices, this.layout.settled(input.reservationId)];
    const args: Array<string | number> = [input.reservationId, input.requestId, input.counters.length, input.mark ? 1 : 0, input.markerTtlMs, this.layout.admissionChannel];
    for (const { counter, charge } of input.counters) {
      keys.push(...counterKeys(counter));
      args.push(charge, counter.keys.buckets.length, counter.bucketExpireAtMs, refJson(counter.ref), counter.thresholds.length * 2);
      for (const threshold of counter.thresholds) args.push(threshold.bps, threshold.value);
      args.push(...counter.window.cycles.map((cycle) => cycle.id));
    }
    // Corked with the turn's other commands; the answer it charges for waits for `sent()`.
    this.#writes.cork();
    const reply = (await this.#redis.quotaSettle(keys.length, ...keys, ...args)) as number[];
    if (reply[0] === -1) return { kind: "lost" };
    const epoch = { id: reply[1] ?? 0, sequence: reply[2] ?? 0 };
    if (reply[0] === 2) return { kind: "repeated", epoch };
    const counters: Array<{ holdFound: boolean; used: number }> = [];
    for (let position = 3; position < reply.length; position += 2) counters.push({ holdFound: reply[position] === 1, used: reply[position + 1] ?? 0 });
    return { kind: "settled", epoch, counters };
  }

  /** Resolves once the commands of this turn (settlements among them) are handed to the socket; undefined when they are. */
  sent(): Promise<void> | undefined {
    return this.#writes.sent();
  }

  /** Lowers live holds to the given amounts (never raises them); returns the total freed. */
  async shrink(reservationId: string, holds: ReadonlyArray<{ counter: PlannedCounter; amount: number }>): Promise<number> {
    if (holds.length === 0) return 0;
    const keys: string[] = [];
    const args: Array<string | number> = [reservationId, holds.length, this.layout.admissionChannel];
    for (const { counter, amount } of holds) {
      keys.push(...counterKeys(counter));
      args.push(amount, counter.keys.buckets.length, ...counter.window.cycles.map((cycle) => cycle.id));
    }
    return Number(await this.#redis.quotaShrink(keys.length, ...keys, ...args));
  }

  /** Renews holds given as (counter, reservation id) pairs; returns how many were still live. */
  async renew(holds: ReadonlyArray<{ counter: PlannedCounter; reservationId: string }>, holdTtlMs: number, holdKeyTtlMs: number): Promise<number> {
    if (holds.length === 0) return 0;
    const keys = holds.flatMap(({ counter }) => [counter.keys.holds, counter.keys.holdRecords, counter.keys.buckets[0]!]);
    const perHold = holds.flatMap(({ counter, reservationId }) => [reservationId, counter.info.metric === "concurrency" ? 1 : 0]);
    const reply = await this.#redis.quotaRenew(keys.length, ...keys, holdTtlMs, holdKeyTtlMs, ...perHold);
    return Number(reply);
  }
}
