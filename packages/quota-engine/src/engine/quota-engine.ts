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

export interface QuotaEngineOptions {
  redis: Redis;
  layout: KeyLayout;
  /** How long a hold lives without renewal: a dead gateway's holds are free after this. */
  holdTtlMs?: number;
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
}

export interface Denial {
  counter: PlannedCounter;
  committed: number;
  retryAfterSeconds: number;
}

export type ReserveDecision =
  | { outcome: "admitted"; reservation: Reservation }
  | { outcome: "denied"; denials: Denial[]; headers: Record<string, string> }
  /** Redis answered but has lost its data: the counters cannot be trusted until rebuilt. */
  | { outcome: "state_lost" };

export interface SettleResult {
  outcome: "settled" | "state_lost";
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
}

/**
 * Reserve before the upstream call, settle after it: the transport-free core shared by the gateway
 * (request path) and the quota service. Redis errors propagate; the caller applies fail modes.
 */
export class QuotaEngine {
  readonly holdTtlMs: number;
  readonly holdKeyTtlMs: number;
  readonly #scripts: QuotaScripts;
  readonly #clock: () => number;
  readonly #renewer: HoldRenewer;
  readonly #state: QuotaState;
  #seen: EpochMark = { id: 0, sequence: 0 };

  constructor(private readonly options: QuotaEngineOptions) {
    this.holdTtlMs = options.holdTtlMs ?? 30_000;
    this.holdKeyTtlMs = this.holdTtlMs * 4 + 60_000;
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
    if (counters.length === 0) return { outcome: "admitted", reservation: { id, requestId: input.requestId, counters, headers: {} } };
    const reply = await this.#scripts.reserve({
      reservationId: id,
      requestId: input.requestId,
      holdTtlMs: this.holdTtlMs,
      holdKeyTtlMs: this.holdKeyTtlMs,
      recordDenials: input.recordDenials ?? true,
      counters,
    });
    if (reply.kind === "lost" || (await this.#rolledBack(reply.epoch))) return { outcome: "state_lost" };
    if (reply.kind === "denied") {
      const states: CounterState[] = reply.denials.map((denial) => ({ counter: counters[denial.index]!, committed: denial.committed }));
      const denials = reply.denials.map((denial, position) => ({
        counter: counters[denial.index]!,
        committed: denial.committed,
        retryAfterSeconds: retryAfterSeconds(states[position]!, nowMs, denial.used),
      }));
      return { outcome: "denied", denials, headers: rateLimitHeaders(states, nowMs) };
    }
    const states = counters.map((counter, index) => ({ counter, committed: reply.committed[index] ?? 0 }));
    const reservation: Reservation = { id, requestId: input.requestId, counters, headers: rateLimitHeaders(states, nowMs) };
    this.#renewer.track(reservation);
    return { outcome: "admitted", reservation };
  }

  /** Charges actual usage (releasing the hold). Requests count 1; concurrency is only released. */
  async settle(reservation: Reservation, actual: UsageAmounts): Promise<SettleResult> {
    this.#renewer.forget(reservation.id);
    if (reservation.counters.length === 0) return { outcome: "settled", counters: [] };
    const charges = reservation.counters.map((counter) => ({ counter, charge: chargeFor(counter, actual) }));
    const reply = await this.#scripts.settle({ reservationId: reservation.id, requestId: reservation.requestId, counters: charges });
    if (reply.kind === "lost" || (await this.#rolledBack(reply.epoch))) return { outcome: "state_lost", counters: [] };
    return {
      outcome: "settled",
      counters: reservation.counters.map((counter, index) => ({ counter, holdFound: reply.counters[index]?.holdFound ?? false, used: reply.counters[index]?.used ?? 0 })),
    };
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
