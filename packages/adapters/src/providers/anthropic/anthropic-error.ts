import type { HttpFailure } from "../../http/call-upstream.js";
import { parseRetryAfterMs } from "../../http/retry-after.js";
import { errorTypeForStatus, UpstreamError, type UpstreamErrorType } from "../../spec/upstream-error.js";

const ERROR_TYPES: Record<string, { type: UpstreamErrorType; status: number }> = {
  invalid_request_error: { type: "invalid_request", status: 400 },
  authentication_error: { type: "authentication", status: 401 },
  billing_error: { type: "quota", status: 402 },
  permission_error: { type: "permission", status: 403 },
  not_found_error: { type: "not_found", status: 404 },
  request_too_large: { type: "invalid_request", status: 413 },
  rate_limit_error: { type: "rate_limit", status: 429 },
  api_error: { type: "server", status: 500 },
  timeout_error: { type: "timeout", status: 504 },
  overloaded_error: { type: "overloaded", status: 529 },
};

/** `{"type":"error","error":{"type","message"},"request_id"}` -> UpstreamError. */
export function parseAnthropicError(failure: HttpFailure): UpstreamError {
  const error = (failure.json as { error?: { type?: unknown; message?: unknown } } | undefined)?.error;
  const vendorCode = typeof error?.type === "string" ? error.type : null;
  const message = typeof error?.message === "string" ? error.message : failure.bodyText || `HTTP ${failure.status}`;
  return new UpstreamError({
    provider: "anthropic",
    status: failure.status,
    type: (vendorCode ? ERROR_TYPES[vendorCode]?.type : undefined) ?? errorTypeForStatus(failure.status),
    vendorCode,
    message,
    retryAfterMs: parseRetryAfterMs(failure.headers, message),
    body: failure.json ?? failure.bodyText,
  });
}

/** An `event: error` inside a 200 stream: the status follows from the error type. */
export function parseAnthropicStreamError(payload: unknown): UpstreamError {
  const errorType = (payload as { error?: { type?: string } }).error?.type;
  const status = (errorType ? ERROR_TYPES[errorType]?.status : undefined) ?? 500;
  return parseAnthropicError({ provider: "anthropic", status, headers: {}, bodyText: JSON.stringify(payload), json: payload });
}
