import { Metadata, status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import { AppError, isErrorCode, type ErrorCode } from "@llm-serve/common";

/** The one table between our error codes and gRPC statuses. */
export const ERROR_CODE_TO_STATUS: Readonly<Record<ErrorCode, GrpcStatus>> = {
  invalid_request: GrpcStatus.INVALID_ARGUMENT,
  unauthenticated: GrpcStatus.UNAUTHENTICATED,
  permission_denied: GrpcStatus.PERMISSION_DENIED,
  not_found: GrpcStatus.NOT_FOUND,
  conflict: GrpcStatus.ALREADY_EXISTS,
  quota_exceeded: GrpcStatus.RESOURCE_EXHAUSTED,
  rate_limited: GrpcStatus.RESOURCE_EXHAUSTED,
  upstream_error: GrpcStatus.UNKNOWN,
  upstream_timeout: GrpcStatus.DEADLINE_EXCEEDED,
  unavailable: GrpcStatus.UNAVAILABLE,
  internal: GrpcStatus.INTERNAL,
};

/** The way back, for statuses that arrive without our `x-error-code` (a peer that is not ours, or the transport). */
export const STATUS_TO_ERROR_CODE: Readonly<Record<GrpcStatus, ErrorCode>> = {
  [GrpcStatus.OK]: "internal",
  [GrpcStatus.CANCELLED]: "unavailable",
  [GrpcStatus.UNKNOWN]: "internal",
  [GrpcStatus.INVALID_ARGUMENT]: "invalid_request",
  [GrpcStatus.DEADLINE_EXCEEDED]: "unavailable",
  [GrpcStatus.NOT_FOUND]: "not_found",
  [GrpcStatus.ALREADY_EXISTS]: "conflict",
  [GrpcStatus.PERMISSION_DENIED]: "permission_denied",
  [GrpcStatus.RESOURCE_EXHAUSTED]: "rate_limited",
  [GrpcStatus.FAILED_PRECONDITION]: "invalid_request",
  [GrpcStatus.ABORTED]: "conflict",
  [GrpcStatus.OUT_OF_RANGE]: "invalid_request",
  [GrpcStatus.UNIMPLEMENTED]: "not_found",
  [GrpcStatus.INTERNAL]: "internal",
  [GrpcStatus.UNAVAILABLE]: "unavailable",
  [GrpcStatus.DATA_LOSS]: "internal",
  [GrpcStatus.UNAUTHENTICATED]: "unauthenticated",
};

const CODE_KEY = "x-error-code";
const RETRYABLE_KEY = "x-error-retryable";
const DETAILS_KEY = "x-error-details";

/**
 * Messages and details travel in trailers, which HTTP/2 bounds (grpc-js: 8 KiB by default): a
 * message quoting a client's 100,000-character value broke the call, and the client saw an internal
 * error instead of the 400. Longer messages are cut; longer details are left out.
 */
const MAX_MESSAGE_LENGTH = 1_000;
const MAX_DETAILS_LENGTH = 4_000;

function shortened(message: string): string {
  return message.length <= MAX_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_MESSAGE_LENGTH)}… (cut)`;
}

/**
 * Turns an AppError into what grpc-js sends. `internal` errors leave with an opaque message and the
 * request id only: their cause stays in our logs.
 */
export function appErrorToServiceError(error: AppError, requestId: string): Partial<ServiceError> {
  const metadata = new Metadata();
  metadata.set(CODE_KEY, error.code);
  metadata.set(RETRYABLE_KEY, String(error.retryable));
  const opaque = error.code === "internal";
  const details = JSON.stringify(error.details);
  if (!opaque && Object.keys(error.details).length > 0 && details.length <= MAX_DETAILS_LENGTH) metadata.set(DETAILS_KEY, details);
  return {
    code: ERROR_CODE_TO_STATUS[error.code],
    details: opaque ? `internal error (request ${requestId})` : shortened(error.message),
    metadata,
  };
}

export function serviceErrorToAppError(error: ServiceError): AppError {
  const sentCode = error.metadata?.get(CODE_KEY)[0];
  const code = isErrorCode(sentCode) ? sentCode : STATUS_TO_ERROR_CODE[error.code as GrpcStatus] ?? "internal";
  const retryableValue = error.metadata?.get(RETRYABLE_KEY)[0];
  const detailsValue = error.metadata?.get(DETAILS_KEY)[0];
  let details: Record<string, unknown> = {};
  if (typeof detailsValue === "string") {
    try {
      details = JSON.parse(detailsValue) as Record<string, unknown>;
    } catch {
      details = {};
    }
  }
  return new AppError(code, error.details || error.message, {
    cause: error,
    details,
    ...(retryableValue === undefined ? {} : { retryable: retryableValue === "true" }),
  });
}
