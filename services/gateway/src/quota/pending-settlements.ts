import type { Logger } from "@llm-serve/common";
import type { QuotaEngine, Reservation, UsageAmounts } from "@llm-serve/quota-engine";
import type { QuotaMetrics } from "./quota-metrics.js";

interface Pending {
  reservation: Reservation;
  actual: UsageAmounts;
  firstTriedAt: number;
}

const MAX_PENDING = 100_000;

/**
 * Settlements that could not reach Redis, retried in order every second until they land or grow
 * too old: usage that happened is charged once Redis is back (a hold that expired meanwhile is
 * charged in full), so an outage does not leave the counters short.
 */
export class PendingSettlements {
  #queue: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing = false;

  constructor(
    private readonly engine: QuotaEngine,
    private readonly options: { maxAgeMs: number; logger: Logger; metrics: QuotaMetrics; clock?: () => number },
  ) {}

  get size(): number {
    return this.#queue.length;
  }

  add(reservation: Reservation, actual: UsageAmounts): void {
    if (this.#queue.length >= MAX_PENDING) this.#drop(1, "queue full");
    this.#queue.push({ reservation, actual, firstTriedAt: this.#now() });
    if (!this.#timer) {
      this.#timer = setInterval(() => void this.flush(), 1_000);
      this.#timer.unref();
    }
  }

  /** Tries the queue in order; stops at the first failure (Redis still away). */
  async flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      const expired = this.#queue.findIndex((pending) => this.#now() - pending.firstTriedAt <= this.options.maxAgeMs);
      if (expired !== 0) this.#drop(expired === -1 ? this.#queue.length : expired, "retry window passed");
      while (this.#queue.length > 0) {
        const pending = this.#queue[0]!;
        await this.engine.settle(pending.reservation, pending.actual);
        this.#queue.shift();
      }
    } catch {
      // Still unreachable: the next tick tries again.
    } finally {
      this.#flushing = false;
      if (this.#queue.length === 0) this.stop();
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #drop(count: number, reason: string): void {
    if (count <= 0) return;
    this.#queue.splice(0, count);
    this.options.metrics.settlementsDropped.inc(count);
    this.options.logger.error({ dropped: count, reason }, "quota settlements dropped: the counters miss this usage for the rest of its period");
  }

  #now(): number {
    return (this.options.clock ?? Date.now)();
  }
}
