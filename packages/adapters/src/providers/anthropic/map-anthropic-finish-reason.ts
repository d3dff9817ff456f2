import type { FinishReason } from "../../spec/finish-reason.js";

const FINISH_REASONS: Record<string, FinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  pause_turn: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  refusal: "content_filter",
};

export function mapAnthropicFinishReason(stopReason: string | null | undefined): FinishReason {
  return (stopReason ? FINISH_REASONS[stopReason] : undefined) ?? "stop";
}
