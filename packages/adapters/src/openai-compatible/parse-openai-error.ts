import type { ErrorParser, HttpFailure } from "../http/call-upstream.js";
import { parseRetryAfterMs } from "../http/retry-after.js";
import { errorTypeForStatus, UpstreamError, type UpstreamErrorType } from "../spec/upstream-error.js";

interface OpenAIErrorObject {
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

/**
 * An error object that arrived inside a 200 stream (`data: {"error":{...}}`): parsed with the
 * vendor's own parser, as a 500 unless the code is itself an HTTP status.
 */
export function parseOpenAIStreamError(provider: string, payload: unknown, parseError: ErrorParser = parseOpenAIError): UpstreamError {
  const error = extractErrorObject(payload);
  const numericCode = Number(error?.code);
  const status = Number.isInteger(numericCode) && numericCode >= 400 && numericCode < 600 ? numericCode : 500;
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
