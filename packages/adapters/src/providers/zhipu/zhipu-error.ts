import type { HttpFailure } from "../../http/call-upstream.js";
import { parseRetryAfterMs } from "../../http/retry-after.js";
import { errorTypeForStatus, UpstreamError, type UpstreamErrorType } from "../../spec/upstream-error.js";

/** Zhipu business codes (a numeric string in `error.code`), providers.md §3.5. */
const BUSINESS_CODES: Record<string, UpstreamErrorType> = {
  "500": "server",
  "1000": "authentication",
  "1001": "authentication",
  "1002": "authentication",
  "1003": "authentication",
  "1004": "authentication",
  "1100": "permission",
  "1110": "permission",
  "1111": "permission",
  "1112": "permission",
  "1113": "quota",
  "1120": "permission",
  "1121": "permission",
  "1200": "server",
  "1210": "invalid_request",
  "1211": "not_found",
  "1212": "invalid_request",
  "1213": "invalid_request",
  "1214": "invalid_request",
  "1215": "invalid_request",
  "1220": "permission",
  "1221": "not_found",
  "1222": "not_found",
  "1230": "server",
  "1231": "invalid_request",
  "1234": "server",
  "1300": "content_filter",
  "1301": "content_filter",
  "1302": "rate_limit",
  "1303": "rate_limit",
  "1304": "quota",
  "1305": "rate_limit",
};

/** `{"error":{"code":"1113","message":"..."}}`: the business code decides; the HTTP status is the fallback. */
export function parseZhipuError(failure: HttpFailure): UpstreamError {
  const error = (failure.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = error?.code === undefined || error.code === null ? undefined : String(error.code);
  const message = typeof error?.message === "string" ? error.message : failure.bodyText.trim() || `HTTP ${failure.status}`;
  const type = (code ? BUSINESS_CODES[code] : undefined) ?? (failure.status === 434 ? "permission" : errorTypeForStatus(failure.status));
  return new UpstreamError({
    provider: "zhipu",
    status: failure.status,
    type,
    vendorCode: code ?? null,
    message,
    retryAfterMs: parseRetryAfterMs(failure.headers, message),
    body: failure.json ?? failure.bodyText,
  });
}
