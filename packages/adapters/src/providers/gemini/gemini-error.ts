import type { HttpFailure } from "../../http/call-upstream.js";
import { parseRetryAfterMs } from "../../http/retry-after.js";
import { errorTypeForStatus, UpstreamError, type UpstreamErrorType } from "../../spec/upstream-error.js";

interface GoogleError {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<{ "@type"?: string; reason?: string; retryDelay?: string }>;
}

const STATUS_TYPES: Record<string, UpstreamErrorType> = {
  INVALID_ARGUMENT: "invalid_request",
  FAILED_PRECONDITION: "invalid_request",
  UNAUTHENTICATED: "authentication",
  PERMISSION_DENIED: "permission",
  NOT_FOUND: "not_found",
  RESOURCE_EXHAUSTED: "rate_limit",
  INTERNAL: "server",
  UNAVAILABLE: "overloaded",
  DEADLINE_EXCEEDED: "timeout",
};

/** `{"error":{"code","message","status","details"}}`. A bad key is a 400 INVALID_ARGUMENT whose reason is API_KEY_INVALID. */
export function parseGeminiError(failure: HttpFailure): UpstreamError {
  const error = ((failure.json as { error?: GoogleError } | undefined)?.error ?? {}) as GoogleError;
  const reason = error.details?.find((detail) => typeof detail.reason === "string")?.reason;
  const message = error.message ?? (failure.bodyText || `HTTP ${failure.status}`);
  const type: UpstreamErrorType = reason === "API_KEY_INVALID" ? "authentication" : ((error.status ? STATUS_TYPES[error.status] : undefined) ?? errorTypeForStatus(failure.status));
  return new UpstreamError({
    provider: "gemini",
    status: failure.status,
    type,
    vendorCode: reason ?? error.status ?? null,
    message,
    retryAfterMs: parseRetryAfterMs(failure.headers, message) ?? retryDelayMs(error),
    body: failure.json ?? failure.bodyText,
  });
}

/** google.rpc.RetryInfo `retryDelay: "17s"`. */
function retryDelayMs(error: GoogleError): number | null {
  const delay = error.details?.find((detail) => typeof detail.retryDelay === "string")?.retryDelay;
  const seconds = delay === undefined ? Number.NaN : Number.parseFloat(delay);
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : null;
}
