import { AppError } from "@llm-serve/common";
import { isUpstreamError, type UpstreamError, type UpstreamErrorType } from "@llm-serve/adapters";

/**
 * How a vendor's failure reaches our client. Faults of the client's request keep their 4xx; faults
 * of our vendor account or the vendor itself become 502/503/504 (the client cannot fix them).
 */
const UPSTREAM_TYPE_TO_CODE: Readonly<Record<UpstreamErrorType, AppError["code"]>> = {
  invalid_request: "invalid_request",
  content_filter: "invalid_request",
  unsupported: "invalid_request",
  authentication: "upstream_error",
  permission: "upstream_error",
  not_found: "upstream_error",
  quota: "upstream_error",
  protocol: "upstream_error",
  server: "upstream_error",
  connection: "upstream_error",
  rate_limit: "rate_limited",
  overloaded: "unavailable",
  timeout: "upstream_timeout",
};

export function upstreamErrorToAppError(error: UpstreamError): AppError {
  const code = UPSTREAM_TYPE_TO_CODE[error.type];
  const clientFault = code === "invalid_request";
  const message = clientFault ? error.message : `The upstream provider failed (${error.type}${error.status ? `, status ${error.status}` : ""}).`;
  return new AppError(code, message, {
    cause: error,
    retryable: error.retryable,
    details: {
      ...(error.type === "content_filter" ? { openaiCode: "content_filter" } : {}),
      ...(error.retryAfterMs ? { retryAfterSeconds: Math.ceil(error.retryAfterMs / 1000) } : {}),
    },
  });
}

export function toGatewayError(error: unknown): unknown {
  return isUpstreamError(error) ? upstreamErrorToAppError(error) : error;
}
