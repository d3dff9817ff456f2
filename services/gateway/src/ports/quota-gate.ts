import type { RecordedUsage } from "@llm-serve/pricing";
import type { Principal } from "./authenticator.js";

export interface QuotaRequest {
  principal: Principal;
  model: string;
  endpoint: string;
  /**
   * An upper bound of the tokens the request may use, computed without a tokenizer: prompt tokens
   * bounded by UTF-8 bytes, plus the output budget (max tokens or a default, times n).
   */
  estimatedTokens: number;
  /**
   * The same with the prompt counted by the tokenizer (never above `estimatedTokens`). Asked for
   * only when a reservation of the bound is refused on tokens or cost, to try once more with it.
   */
  exactTokens?: () => Promise<number>;
  requestId: string;
  /** Aborted when the client goes away: a request waiting for admission leaves the queue. */
  signal?: AbortSignal;
}

export interface QuotaReservation {
  id: string;
  /** OpenAI's `x-ratelimit-*` headers to send with the response. */
  headers: Record<string, string>;
}

export interface SettledUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /**
   * The request's attempts as their usage events state them (deployment, provider, every kind of
   * usage) and when the request started: a cost budget is charged exactly what their ledger lines
   * will be (ADR 0021). Absent: no usage to price.
   */
  attempts?: RecordedUsage[];
  startedAt?: string;
}

/**
 * Reserves before the upstream call and settles after it (quota issue). `reserve` throws AppError
 * `rate_limited` or `quota_exceeded` with `details.retryAfterSeconds` and `details.headers`; where
 * a policy allows it, a request refused only by other requests' holds waits (briefly) in line
 * first. `settle` with zero usage releases the reservation.
 */
export interface QuotaGate {
  reserve(request: QuotaRequest): Promise<QuotaReservation>;
  /**
   * The answer is complete (its usage known) but not settled yet, e.g. while the last bytes of a
   * stream reach the client: lowers the hold to that usage so others can use the rest at once.
   * Optional, never throws, and `settle` must still follow.
   */
  release?(reservation: QuotaReservation, usage: SettledUsage): void;
  settle(reservation: QuotaReservation, usage: SettledUsage): Promise<void>;
  /**
   * Resolves once the settlements made so far have left the process (undefined when they have).
   * Settlements of one turn leave together; an answer for a settled request is written only after
   * this, so that a gateway killed after answering has charged what it answered (ADR 0039).
   */
  sent?(): Promise<void> | undefined;
  /**
   * The settlement `settle(reservation, usage)` makes, as plain JSON that `settleAgain` (here or on
   * another gateway) can make again, counting once (ADR 0039: a kept answer carries it). Called
   * before `settle`; undefined when there is nothing to settle.
   */
  receipt?(reservation: QuotaReservation, usage: SettledUsage): unknown;
  /** Makes a receipt's settlement unless it was made already; never throws. */
  settleAgain?(receipt: unknown): Promise<void>;
}
