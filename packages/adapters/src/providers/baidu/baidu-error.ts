import type { HttpFailure } from "../../http/call-upstream.js";
import { errorTypeForStatus, statusForErrorType, UpstreamError, type UpstreamErrorType } from "../../spec/upstream-error.js";

/** Baidu error_code -> normalised type (providers.md §2.4; the SDK retries 2, 15, 18, 336100, 336501, 336502). */
const ERROR_CODES: Record<number, UpstreamErrorType> = {
  1: "server",
  2: "overloaded",
  3: "not_found",
  4: "rate_limit",
  6: "permission",
  13: "authentication",
  14: "authentication",
  15: "authentication",
  17: "quota",
  18: "rate_limit",
  19: "quota",
  100: "authentication",
  110: "authentication",
  111: "authentication",
  336000: "server",
  336001: "invalid_request",
  336002: "invalid_request",
  336003: "invalid_request",
  336004: "permission",
  336005: "not_found",
  336100: "overloaded",
  336101: "invalid_request",
  336104: "invalid_request",
  336105: "invalid_request",
  336501: "rate_limit",
  336502: "rate_limit",
};

/** 110 (invalid) and 111 (expired) mean "get a new access token and retry once". */
export const TOKEN_ERROR_CODES = new Set(["110", "111"]);

export interface BaiduErrorBody {
  error_code: number;
  error_msg?: string;
}

export function isBaiduErrorBody(json: unknown): json is BaiduErrorBody {
  return typeof json === "object" && json !== null && typeof (json as { error_code?: unknown }).error_code === "number";
}

/**
 * Baidu reports most errors with HTTP 200 and `{error_code, error_msg}`; the status then carries no
 * meaning, so the error gets the canonical status of its type. OAuth failures use
 * `{error, error_description}` (with 401 or 200).
 */
export function baiduErrorFromBody(json: unknown, httpStatus: number): UpstreamError | undefined {
  if (isBaiduErrorBody(json)) {
    const type = ERROR_CODES[json.error_code] ?? (httpStatus >= 400 ? errorTypeForStatus(httpStatus) : "server");
    return new UpstreamError({
      provider: "baidu-wenxin",
      status: httpStatus >= 400 ? httpStatus : statusForErrorType(type),
      type,
      vendorCode: String(json.error_code),
      message: json.error_msg ?? `Baidu error ${json.error_code}`,
      body: json,
    });
  }
  const oauth = json as { error?: unknown; error_description?: unknown } | undefined;
  if (typeof oauth?.error === "string") {
    return new UpstreamError({
      provider: "baidu-wenxin",
      status: httpStatus >= 400 ? httpStatus : 401,
      type: "authentication",
      vendorCode: oauth.error,
      message: typeof oauth.error_description === "string" ? oauth.error_description : oauth.error,
      body: json,
    });
  }
  return undefined;
}

export function parseBaiduError(failure: HttpFailure): UpstreamError {
  return (
    baiduErrorFromBody(failure.json, failure.status) ??
    new UpstreamError({ provider: "baidu-wenxin", status: failure.status, message: failure.bodyText.trim() || `HTTP ${failure.status}`, body: failure.bodyText })
  );
}
