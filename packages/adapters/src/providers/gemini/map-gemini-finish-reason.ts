import type { FinishReason } from "../../spec/finish-reason.js";

const FINISH_REASONS: Record<string, FinishReason> = {
  STOP: "stop",
  MAX_TOKENS: "length",
  SAFETY: "content_filter",
  RECITATION: "content_filter",
  BLOCKLIST: "content_filter",
  PROHIBITED_CONTENT: "content_filter",
  SPII: "content_filter",
  IMAGE_SAFETY: "content_filter",
};

/** Gemini reports STOP even when it called a function; a call means tool_calls. */
export function mapGeminiFinishReason(reason: string | undefined, calledFunction: boolean): FinishReason {
  const mapped = reason === undefined ? "stop" : (FINISH_REASONS[reason] ?? "stop");
  return calledFunction && mapped === "stop" ? "tool_calls" : mapped;
}
