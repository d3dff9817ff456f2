import type { FailureKind } from "./route-candidate.js";

/** The parts of an upstream error (the adapters' UpstreamError, structurally) that routing reads. */
export interface FailureSignal {
  type?: string;
  vendorCode?: string | null;
  message?: string;
  retryable?: boolean;
}

const CONTEXT_WINDOW_CODES = new Set(["context_length_exceeded", "string_above_max_length", "model_context_window_exceeded"]);
const CONTEXT_WINDOW_TEXT = /context (length|window)|maximum context|too many tokens|prompt is too long|input is too long|exceeds the (model's )?max/i;
const CONTENT_POLICY_CODES = new Set(["content_filter", "content_policy_violation", "1301", "336003"]);

/** Sorts a failed attempt into the kinds that fallback rules name. */
export function classifyFailure(error: FailureSignal | undefined): FailureKind {
  if (!error) return "other";
  const code = error.vendorCode ?? "";
  if (CONTEXT_WINDOW_CODES.has(code) || (error.type === "invalid_request" && CONTEXT_WINDOW_TEXT.test(error.message ?? ""))) return "context_window";
  if (error.type === "content_filter" || CONTENT_POLICY_CODES.has(code)) return "content_policy";
  if (error.type === "rate_limit" || error.type === "quota") return "rate_limit";
  if (error.retryable) return "unavailable";
  return "other";
}
