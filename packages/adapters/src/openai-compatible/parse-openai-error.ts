import type { ErrorParser, HttpFailure } from "../http/call-upstream.js";
import { parseRetryAfterMs } from "../http/retry-after.js";
import { errorTypeForStatus, UpstreamError, type UpstreamErrorType } from "../spec/upstream-error.js";

export interface OpenAIErrorObject {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  param?: unknown;
}

/** `{"error":{"message","type","param","code"}}` (OpenAI, Azure, DeepSeek, DashScope, Ollama, vLLM, Qianfan v2). */
export function parseOpenAIError(failure: HttpFailure): UpstreamError {
  const error = extractErrorObject(failure.json);
  const message = stringOrUndefined(error?.message) ?? (failure.bodyText.trim() || `HTTP ${failure.status}`);
  const vendorCode = stringOrUndefined(error?.code) ?? stringOrUndefined(error?.type) ?? null;
  return new UpstreamError({
    provider: failure.provider,
    status: failure.status,
    type: classifyOpenAIError(failure.status, error),
    vendorCode,
    message,
    retryAfterMs: parseRetryAfterMs(failure.headers, message),
    body: failure.json ?? failure.bodyText,
  });
}

/** The status of an error object that came inside a 200 answer: its code when that is an HTTP status, else 500. */
export function statusOfInBodyError(error: OpenAIErrorObject | undefined): number {
  const numericCode = Number(error?.code);
  return Number.isInteger(numericCode) && numericCode >= 400 && numericCode < 600 ? numericCode : 500;
}

/**
 * An error object that arrived inside a 200 answer (a stream's `data: {"error":{...}}`, or a whole
 * `{"error":{...}}` body as Qianfan sends): parsed with the vendor's own parser, with the status the
 * vendor's `statusOf` gives it, so the vendor code and the right error class are kept.
 */
export function parseOpenAIStreamError(provider: string, payload: unknown, parseError: ErrorParser = parseOpenAIError, statusOf = statusOfInBodyError): UpstreamError {
  const status = statusOf(extractErrorObject(payload));
  return parseError({ provider, status, headers: {}, bodyText: JSON.stringify(payload), json: payload });
}

export function extractErrorObject(json: unknown): OpenAIErrorObject | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const error = (json as { error?: unknown }).error;
  if (typeof error === "object" && error !== null) return error as OpenAIErrorObject;
  if (typeof error === "string") return { message: error };
  return undefined;
}

function classifyOpenAIError(status: number, error: OpenAIErrorObject | undefined): UpstreamErrorType {
  const code = String(error?.code ?? "");
  const type = String(error?.type ?? "");
  if (code === "insufficient_quota" || type === "insufficient_quota" || code === "insufficient_balance") return "quota";
  if (code === "content_filter" || code === "data_inspection_failed") return "content_filter";
  if (status === 404 || code === "model_not_found" || code === "DeploymentNotFound") return "not_found";
  if (status === 429 && /overloaded/i.test(String(error?.message ?? ""))) return "overloaded";
  return errorTypeForStatus(status);
}

function stringOrUndefined(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}
