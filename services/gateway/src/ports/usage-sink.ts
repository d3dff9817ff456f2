import type { eventsV1 } from "@llm-serve/proto";

/**
 * Where the one `llmserve.usage.recorded.v1` event of every request goes, without loss.
 */
export interface UsageSink {
  /**
   * Takes the event synchronously: once this returns, the sink owns it (it commits it, retrying
   * while its store is unreachable). The caller may answer its client right after (ADR 0011).
   * `eventId` is given only when the event was stated before (a replayed idempotent answer, ADR
   * 0039): the outbox and every consumer keep one event per id.
   */
  record(usage: eventsV1.UsageRecorded, eventId?: string): void;
  /**
   * The request's quota settlement, as a receipt made on demand (`QuotaGate.receipt`), told just
   * before it is made. A sink that holds a request's events for its kept answer keeps the receipt
   * with them (ADR 0039); others never make it.
   */
  settling?(makeReceipt: () => unknown): void;
  /**
   * A sink holding this request's events for its kept answer takes its settlement too, and makes
   * it once the answer is kept (ADR 0039): true when it took it, false when the caller settles now.
   * `settle` returns when the settlement has left the process.
   */
  deferSettlement?(settle: () => Promise<void> | undefined): boolean;
  /**
   * Resolves once every event taken so far would survive a crash of this process (on local disk or
   * committed). An idempotent answer waits for it (ADR 0039); other answers do not (ADR 0011).
   */
  durable?(): Promise<void>;
  /** False while the sink holds too much it could not store yet: take no new requests. */
  accepting(): boolean;
}
