import type { ErrorCode } from "@llm-serve/common";

export interface HttpErrorMapping {
  status: number;
  /** OpenAI's `error.type`. */
  type: string;
  /** OpenAI's `error.code` when the AppError names none. */
  code: string | null;
}

/** The one table from our error codes to HTTP statuses and OpenAI error types. */
export const HTTP_ERRORS: Readonly<Record<ErrorCode, HttpErrorMapping>> = {
  invalid_request: { status: 400, type: "invalid_request_error", code: null },
  unauthenticated: { status: 401, type: "invalid_request_error", code: "invalid_api_key" },
  permission_denied: { status: 403, type: "invalid_request_error", code: "permission_denied" },
  not_found: { status: 404, type: "invalid_request_error", code: "not_found" },
  conflict: { status: 409, type: "invalid_request_error", code: "conflict" },
  quota_exceeded: { status: 429, type: "insufficient_quota", code: "insufficient_quota" },
  rate_limited: { status: 429, type: "requests", code: "rate_limit_exceeded" },
  upstream_error: { status: 502, type: "server_error", code: "upstream_error" },
  upstream_timeout: { status: 504, type: "server_error", code: "upstream_timeout" },
  unavailable: { status: 503, type: "server_error", code: "service_unavailable" },
  internal: { status: 500, type: "server_error", code: null },
};

/** Refinements of `invalid_request` that HTTP names with their own status. */
export const INVALID_REQUEST_STATUSES: Readonly<Record<string, number>> = {
  payload_too_large: 413,
  unsupported_media_type: 415,
  method_not_allowed: 405,
  idempotency_key_reused: 422,
};
