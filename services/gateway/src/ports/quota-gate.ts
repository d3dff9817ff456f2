import type { Principal } from "./authenticator.js";

export interface QuotaRequest {
  principal: Principal;
  model: string;
  endpoint: string;
  /** Counted prompt tokens plus max output tokens (or a configured default). */
  estimatedTokens: number;
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
