import type { CounterRef, PlannedCounter, Threshold } from "../counters/planned-counter.js";
import type { SettledCounter } from "../redis/quota-scripts.js";

/**
 * A settlement as plain JSON, which any process can make again: the same reservation id, the same
 * charges. The settle script's marker makes it count once, so a receipt made again after its first
 * settlement charges nothing — while the marker lives (`settleMarkerTtlMs` from the first
 * settlement). An idempotent answer keeps its receipt with its usage events (ADR 0039): a gateway
 * that kept the answer and died before settling leaves the replay to settle it.
 */
export interface SettlementReceipt {
  reservationId: string;
  requestId: string;
  /** The issuing engine's clock when the receipt was made (no later than the first settlement). */
  issuedAtMs: number;
  counters: Array<{ charge: number; keys: PlannedCounter["keys"]; bucketExpireAtMs: number; ref: CounterRef; thresholds: Threshold[]; cycleIds: string[] }>;
}

export function receiptOf(reservation: { id: string; requestId: string; counters: readonly PlannedCounter[] }, charges: readonly number[], issuedAtMs: number): SettlementReceipt {
  return {
    reservationId: reservation.id,
    requestId: reservation.requestId,
    issuedAtMs,
    counters: reservation.counters.map((counter, index) => ({
      charge: charges[index] ?? 0,
      keys: counter.keys,
      bucketExpireAtMs: counter.bucketExpireAtMs,
      ref: counter.ref,
      thresholds: counter.thresholds,
      cycleIds: counter.window.cycles.map((cycle) => cycle.id),
    })),
  };
}

/** The receipt's counters as the settle script takes them. */
export function receiptCounters(receipt: SettlementReceipt): Array<{ counter: SettledCounter; charge: number }> {
  return receipt.counters.map((entry) => ({
    counter: { keys: entry.keys, bucketExpireAtMs: entry.bucketExpireAtMs, ref: entry.ref, thresholds: entry.thresholds, window: { cycles: entry.cycleIds.map((id) => ({ id })) } },
    charge: entry.charge,
  }));
}
