import { isUnreachableDependency } from "./unreachable-dependency.js";

/**
 * The closed set of error codes every LLM Serve component speaks. Transport edges translate them:
 * packages/grpc has the one table to gRPC statuses, the gateway has the one table to HTTP statuses
 * and OpenAI error types.
 */
export const ERROR_CODES = [
  "invalid_request",
  "unauthenticated",
  "permission_denied",
  "not_found",
  "conflict",
  "quota_exceeded",
  "rate_limited",
  "upstream_error",
  "upstream_timeout",
  "unavailable",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
  retryable?: boolean;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set(["unavailable", "upstream_timeout", "upstream_error"]);

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Anything thrown becomes an AppError: an unreachable dependency (Postgres restarting, a refused
 * socket) an `unavailable` one, anything else an opaque `internal` one.
 */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (isUnreachableDependency(error)) return new AppError("unavailable", "a dependency of the service is unavailable; retry later", { cause: error });
  return new AppError("internal", "internal error", { cause: error });
}
