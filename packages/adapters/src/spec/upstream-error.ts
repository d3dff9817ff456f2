/**
 * The one error every adapter throws for anything that went wrong upstream (or on the way there).
 * `type` is the normalised class the gateway maps to its own error codes; `vendorCode` keeps the
 * vendor's own code (`insufficient_quota`, `110`, `1113`, `overloaded_error`, ...).
 */
export type UpstreamErrorType =
  | "invalid_request"
  | "authentication"
  | "permission"
  | "not_found"
  | "rate_limit"
  | "quota"
  | "content_filter"
  | "overloaded"
  | "server"
  | "timeout"
  | "connection"
  | "protocol"
  | "unsupported";

export interface UpstreamErrorInit {
  provider: string;
  status: number;
  type?: UpstreamErrorType;
  vendorCode?: string | null;
  message: string;
  retryable?: boolean;
  retryAfterMs?: number | null;
  body?: unknown;
  cause?: unknown;
}

export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
  readonly provider: string;
  /** The vendor's HTTP status, or the status we chose for transport failures (504 timeout, 502 connection). */
  readonly status: number;
  readonly type: UpstreamErrorType;
  readonly vendorCode: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  /** The vendor's error body (parsed JSON or truncated text), for logs; never shown to clients. */
  readonly body: unknown;

  constructor(init: UpstreamErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.provider = init.provider;
    this.status = init.status;
    this.type = init.type ?? errorTypeForStatus(init.status);
    this.vendorCode = init.vendorCode ?? null;
    this.retryable = init.retryable ?? isRetryableType(this.type);
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.body = init.body;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      provider: this.provider,
      status: this.status,
      type: this.type,
      vendorCode: this.vendorCode,
      message: this.message,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

export function isUpstreamError(value: unknown): value is UpstreamError {
  return value instanceof UpstreamError;
}

export function errorTypeForStatus(status: number): UpstreamErrorType {
  if (status === 400 || status === 405 || status === 413 || status === 422) return "invalid_request";
  if (status === 401) return "authentication";
  if (status === 402) return "quota";
  if (status === 403) return "permission";
  if (status === 404) return "not_found";
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limit";
  if (status === 503 || status === 529) return "overloaded";
  if (status >= 500) return "server";
  return "invalid_request";
}

/** 429 (except quota), 5xx, timeouts and connection resets are retryable; client errors are not. */
export function isRetryableType(type: UpstreamErrorType): boolean {
  return (
    type === "rate_limit" ||
    type === "overloaded" ||
    type === "server" ||
    type === "timeout" ||
    type === "connection"
  );
}

/** Canonical HTTP status for a normalised type (used when a vendor reports errors with HTTP 200). */
export function statusForErrorType(type: UpstreamErrorType): number {
  const table: Record<UpstreamErrorType, number> = {
    invalid_request: 400,
    authentication: 401,
    permission: 403,
    not_found: 404,
    rate_limit: 429,
    quota: 429,
    content_filter: 400,
    overloaded: 503,
    server: 500,
    timeout: 504,
    connection: 502,
    protocol: 502,
    unsupported: 400,
  };
  return table[type];
}

export function unsupportedCapability(provider: string, capability: string): UpstreamError {
  return new UpstreamError({
    provider,
    status: 400,
    type: "unsupported",
    vendorCode: "unsupported_capability",
    message: `Provider ${provider} does not support ${capability}`,
    retryable: false,
  });
}
