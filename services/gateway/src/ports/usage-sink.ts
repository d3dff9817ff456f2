import type { eventsV1 } from "@llm-serve/proto";

/**
 * Where the one `llmserve.usage.recorded.v1` event of every request goes, without loss.
 */
export interface UsageSink {
  /**
   * Takes the event synchronously: once this returns, the sink owns it (it commits it, retrying
   * while its store is unreachable). The caller may answer its client right after (ADR 0011).
   */
  record(usage: eventsV1.UsageRecorded): void;
  /** False while the sink holds too much it could not store yet: take no new requests. */
  accepting(): boolean;
  /**
   * Resolves once every event taken so far would survive a crash of this process (on local disk or
   * committed). Requests do not wait for it (ADR 0011); what keeps an answer beyond this process
   * does (the idempotency store, ADR 0039).
   */
  durable(): Promise<void>;
}
