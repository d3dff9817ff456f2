/**
 * Canonical finish reasons: OpenAI's set. Every vendor value is mapped onto one of these
 * by a `map-<vendor>-finish-reason.ts` file.
 */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "function_call";

export const FINISH_REASONS: readonly FinishReason[] = [
  "stop",
  "length",
  "tool_calls",
  "content_filter",
  "function_call",
];

export function isFinishReason(value: unknown): value is FinishReason {
  return typeof value === "string" && (FINISH_REASONS as readonly string[]).includes(value);
}
