import type { FinishReason } from "../../spec/finish-reason.js";

export interface BaiduResultFlags {
  function_call?: unknown;
  is_truncated?: boolean;
  need_clear_history?: boolean;
  finish_reason?: string;
}

/**
 * Gateway convention from providers.md §2.2: a function call wins, then truncation, then a safety
 * reset; otherwise the newer `finish_reason` field (normal/stop/length/content_filter, unverified
 * for v1) or plain stop.
 */
export function mapBaiduFinishReason(result: BaiduResultFlags): FinishReason {
  if (result.function_call) return "tool_calls";
  if (result.is_truncated === true) return "length";
  if (result.need_clear_history === true) return "content_filter";
  switch (result.finish_reason) {
    case "length":
      return "length";
    case "content_filter":
      return "content_filter";
    case "function_call":
      return "tool_calls";
    default:
      return "stop";
  }
}
