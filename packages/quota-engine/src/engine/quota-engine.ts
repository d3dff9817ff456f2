import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { KeyLayout } from "../counters/key-layout.js";
import type { CounterState, PlannedCounter } from "../counters/planned-counter.js";
import { wholeAmount, type UsageAmounts, type UserQuota } from "../counters/user-quota.js";
import { rateLimitHeaders, retryAfterSeconds } from "../headers/rate-limit-headers.js";
import type { QuotaSettings } from "../policy/quota-settings.js";
import { QuotaScripts, type EpochMark } from "../redis/quota-scripts.js";
import { QuotaState } from "../redis/quota-state.js";
import { HoldRenewer } from "./hold-renewer.js";
import { receiptCounters, receiptOf, type SettlementReceipt } from "./settlement-receipt.js";

export interface QuotaEngineOptions {
  redis: Redis;
  layout: KeyLayout;
  /** How long a hold lives without renewal: a dead gateway's holds are free after this. */
  holdTtlMs?: number;
  /** How long hold bookkeeping (and a concurrency bucket) outlives its last renewal; default 4 × ttl + 60 s. */
  holdKeyTtlMs?: number;
  /**
   * How long a settlement's id is remembered, so that a repeat charges nothing. Must outlast the
   * caller's retries of a settlement (default 10 min).
   */
  settleMarkerTtlMs?: number;
  clock?: () => number;
  onRenewError?: (error: unknown) => void;
  /** Redis answered from an older state than this engine had seen (restored snapshot). */
  onRollback?: (seen: EpochMark, answered: EpochMark) => void;
}

export interface Reservation {
  id: string;
  requestId: string;
  counters: PlannedCounter[];
  /** The x-ratelimit-* headers as of the reservation. */
  headers: Record<string, string>;
  /** Engine clock at admission (how long holds live feeds the retry-after of temporary refusals). */
  reservedAtMs?: number;
}

export interface Denial {
  counter: PlannedCounter;
  /** Used plus held over the window. */
  committed: number;
  /** Settled usage over the window. */
  used: number;
  /**
   * Refused only because requests in flight hold the room (or waiters are queued before it): the
   * settled usage leaves room for this request. A budget that is really spent is not temporary.
   */
  temporary: boolean;
  retryAfterSeconds: number;
}

export type ReserveDecision =
  | { outcome: "admitted"; reservation: Reservation }
  | { outcome: "denied"; denials: Denial[]; headers: Record<string, string> }
  /** Refused for a while only, and queued: wait for a wake-up, then reserve again (same id). */
  | { outcome: "queued"; denials: Denial[]; headers: Record<string, string> }
  /** Redis answered but has lost its data: the counters cannot be trusted until rebuilt. */
  | { outcome: "state_lost" };

export interface SettleResult {
  /** `repeated`: this reservation was settled before; nothing was charged again. */
  outcome: "settled" | "repeated" | "state_lost";
  /** Per counter: whether its hold was still live (false after expiry) and the window's usage. */
  counters: Array<{ counter: PlannedCounter; holdFound: boolean; used: number }>;
}

export interface ReserveInput {
  quota: UserQuota;
  estimate: UsageAmounts;
  settings: Pick<QuotaSettings, "timezone" | "warningThresholdsBps">;
  requestId: string;
  reservationId?: string;
  /**
   * Whether a refusal records the counter's first denial of the period and its `exceeded` notice
   * (default true). False for an attempt the caller will follow with another one (a smaller
   * estimate), so that only the final answer is recorded; an admission is the same either way.
   */
  recordDenials?: boolean;
  /** How long the request may wait in the counters' admission queues (0: refuse at once). */
  waitMs?: number;
}

/**
 * Reserve before the upstream call, settle after it: the transport-free core shared by the gateway
 * (request path) and the quota service. Redis errors propagate; the caller applies fail modes.
 */
export class QuotaEngine {
  readonly holdTtlMs: number;
  readonly holdKeyTtlMs: number;
  readonly settleMarkerTtlMs: number;
  readonly #scripts: QuotaScripts;
  readonly #clock: () => number;
  readonly #renewer: HoldRenewer;
  readonly #state: QuotaState;
  #seen: EpochMark = { id: 0, sequence: 0 };
  /** Moving average of how long holds live (reserve to release): when held room frees up. */
  #holdLifetimeMs = 1_000;

  constructor(private readonly options: QuotaEngineOptions) {
    this.holdTtlMs = options.holdTtlMs ?? 30_000;
    this.holdKeyTtlMs = options.holdKeyTtlMs ?? this.holdTtlMs * 4 + 60_000;
    this.settleMarkerTtlMs = Math.max(options.settleMarkerTtlMs ?? 600_000, this.holdKeyTtlMs);
    this.#scripts = new QuotaScripts(options.redis, options.layout);
    this.#clock = options.clock ?? Date.now;
    this.#renewer = new HoldRenewer(this.#scripts, this.holdTtlMs, this.holdKeyTtlMs, options.onRenewError);
    this.#state = new QuotaState(options.redis, options.layout);
  }

  get layout(): KeyLayout {
    return this.options.layout;
  }

  now(): number {
    return this.#clock();
  }

  plan(input: ReserveInput): PlannedCounter[] {
    return input.quota.plan(input.estimate, { nowMs: this.#clock(), settings: input.settings, layout: this.options.layout, holdKeyTtlMs: this.holdKeyTtlMs });
  }

  async reserve(input: ReserveInput): Promise<ReserveDecision> {
    const nowMs = this.#clock();
    const counters = this.plan(input);
    const id = input.reservationId ?? randomUUID();
    if (counters.length === 0) return { outcome: "admitted", reservation: { id, requestId: input.requestId, counters, headers: {}, reservedAtMs: nowMs } };
    const reply = await this.#scripts.reserve({
      reservationId: id,
      requestId: input.requestId,
      holdTtlMs: this.holdTtlMs,
      holdKeyTtlMs: this.holdKeyTtlMs,
      recordDenials: input.recordDenials ?? true,
      waitMs: input.waitMs ?? 0,
      counters,
    });
    if (reply.kind === "lost" || (await this.#rolledBack(reply.epoch))) return { outcome: "state_lost" };
    if (reply.kind !== "held") {
      // A waiter keeps its concurrency slots alive while it waits; anyone else holds nothing now.
      if (reply.kind === "queued") this.#renewer.track({ id, requestId: input.requestId, counters, headers: {} });
      else this.#renewer.forget(id);
      const denials = reply.denials.map((denial) => this.#denial(counters[denial.index]!, denial.committed, denial.used, nowMs));
      const states: CounterState[] = denials.map((denial) => ({ counter: denial.counter, committed: denial.committed, used: denial.used }));
      return { outcome: reply.kind, denials, headers: rateLimitHeaders(states, nowMs) };
    }
    const states = counters.map((counter, index) => ({ counter, committed: reply.committed[index] ?? 0 }));
    const reservation: Reservation = { id, requestId: input.requestId, counters, headers: rateLimitHeaders(states, nowMs), reservedAtMs: nowMs };
    this.#renewer.track(reservation);
    return { outcome: "admitted", reservation };
  }

  /** Takes a request that gave up waiting (or whose client left) out of its queues, charging nothing. */
  async leave(input: ReserveInput & { reservationId: string }): Promise<void> {
    this.#renewer.forget(input.reservationId);
    const counters = this.plan(input);
    if (counters.length === 0) return;
    await this.#scripts.settle({ reservationId: input.reservationId, requestId: input.requestId, mark: false, markerTtlMs: this.settleMarkerTtlMs, counters: counters.map((counter) => ({ counter, charge: 0 })) });
  }

  /**
   * Lowers the holds of a reservation whose answer is complete to its actual usage, before it is
   * settled: what it will not use is free for others (and waiters are woken) at once.
   */
  async shrink(reservation: Reservation, actual: UsageAmounts): Promise<number> {
    const holds = reservation.counters
      .filter((counter) => counter.info.metric === "tokens" || counter.info.metric === "cost_micros")
      .map((counter) => ({ counter, amount: chargeFor(counter, actual) }))
      .filter((hold) => hold.amount < hold.counter.amount);
    if (holds.length === 0) return 0;
    this.#observeHoldLifetime(reservation);
    return this.#scripts.shrink(reservation.id, holds);
  }

  /** Charges actual usage (releasing the hold). Requests count 1; concurrency is only released. */
  async settle(reservation: Reservation, actual: UsageAmounts): Promise<SettleResult> {
    this.#renewer.forget(reservation.id);
    if (reservation.counters.length === 0) return { outcome: "settled", counters: [] };
    const charges = reservation.counters.map((counter) => ({ counter, charge: chargeFor(counter, actual) }));
    this.#observeHoldLifetime(reservation);
    const reply = await this.#scripts.settle({ reservationId: reservation.id, requestId: reservation.requestId, mark: true, markerTtlMs: this.settleMarkerTtlMs, counters: charges });
    if (reply.kind === "lost" || (await this.#rolledBack(reply.epoch))) return { outcome: "state_lost", counters: [] };
    if (reply.kind === "repeated") return { outcome: "repeated", counters: [] };
    return {
      outcome: "settled",
      counters: reservation.counters.map((counter, index) => ({ counter, holdFound: reply.counters[index]?.holdFound ?? false, used: reply.counters[index]?.used ?? 0 })),
    };
  }

  /**
   * Resolves once the settlements sent in this turn have left for Redis (undefined when they have):
   * whoever answers for a settled request awaits it first, so that no answer is out before its charge.
   */
  sent(): Promise<void> | undefined {
    return this.#scripts.sent();
  }

  /** The settlement `settle(reservation, actual)` makes, as a receipt another process can make again. */
  receipt(reservation: Reservation, actual: UsageAmounts): SettlementReceipt {
    return receiptOf(reservation, reservation.counters.map((counter) => chargeFor(counter, actual)), this.#clock());
  }

  /**
   * Makes a receipt's settlement, unless it was made already (`repeated`). A receipt older than the
   * settlement marker's life, less a minute for clocks that differ between processes, is not made
   * (`too_old`): its first settlement may have been forgotten, and a second one would charge twice.
   */
  async settleReceipt(receipt: SettlementReceipt): Promise<SettleResult["outcome"] | "too_old"> {
    if (receipt.counters.length === 0) return "repeated";
    if (this.#clock() - receipt.issuedAtMs > this.settleMarkerTtlMs - 60_000) return "too_old";
    const reply = await this.#scripts.settle({ reservationId: receipt.reservationId, requestId: receipt.requestId, mark: true, markerTtlMs: this.settleMarkerTtlMs, counters: receiptCounters(receipt) });
    if (reply.kind === "lost" || (await this.#rolledBack(reply.epoch))) return "state_lost";
    return reply.kind;
  }

  /** Stops renewing a reservation without settling it (as if its gateway had died). */
  abandon(reservationId: string): void {
    this.#renewer.forget(reservationId);
  }

  /** Renews every live hold now (the renewer also does this every third of the hold ttl). */
  renewNow(): Promise<number> {
    return this.#renewer.renewNow();
  }

  close(): void {
    this.#renewer.stop();
  }

  #denial(counter: PlannedCounter, committed: number, used: number, nowMs: number): Denial {
    const metric = counter.info.metric;
    const temporary = (metric === "tokens" || metric === "cost_micros") && counter.limit > 0 && used + counter.amount <= counter.limit;
    // Room held by requests in flight frees up as they finish: about one hold lifetime from now.
    const retryAfter = temporary ? Math.min(Math.max(1, Math.ceil(this.#holdLifetimeMs / 1_000)), Math.ceil(this.holdTtlMs / 1_000)) : retryAfterSeconds({ counter, committed }, nowMs, used);
    return { counter, committed, used, temporary, retryAfterSeconds: retryAfter };
  }

  #observeHoldLifetime(reservation: Reservation): void {
    if (reservation.reservedAtMs === undefined) return;
    const lifetime = Math.max(0, this.#clock() - reservation.reservedAtMs);
    // Once per reservation (its shrink, else its settlement).
    reservation.reservedAtMs = undefined;
    this.#holdLifetimeMs += (lifetime - this.#holdLifetimeMs) / 8;
  }

  /**
   * Every counting script bumps the epoch's write sequence: no two answers carry the same one. An
   * answer not newer than one already seen
   * means Redis lost acknowledged writes (it came back from a snapshot): the counters are
   * distrusted at once, so that the quota service rebuilds them from Postgres.
   */
  async #rolledBack(answered: EpochMark): Promise<boolean> {
    const seen = this.#seen;
    const older = answered.id < seen.id || (answered.id === seen.id && answered.sequence <= seen.sequence);
    if (!older) {
      this.#seen = answered;
      return false;
    }
    this.#seen = { id: 0, sequence: 0 };
    this.options.onRollback?.(seen, answered);
    await this.#state.distrust();
    return true;
  }
}

function chargeFor(counter: PlannedCounter, actual: UsageAmounts): number {
  switch (counter.info.metric) {
    case "requests":
      return 1;
    case "tokens":
      return wholeAmount(actual.tokens);
    case "cost_micros":
      return wholeAmount(actual.costMicros);
    case "concurrency":
      return 0;
  }
}
