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
}

/**
 * Reserves before the upstream call and settles after it (quota issue). `reserve` throws AppError
 * `rate_limited` or `quota_exceeded` with `details.retryAfterSeconds` and `details.headers`.
 * `settle` with zero usage releases the reservation.
 */
export interface QuotaGate {
  reserve(request: QuotaRequest): Promise<QuotaReservation>;
  settle(reservation: QuotaReservation, usage: SettledUsage): Promise<void>;
}
