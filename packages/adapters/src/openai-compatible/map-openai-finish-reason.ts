import { isFinishReason, type FinishReason } from "../spec/finish-reason.js";

/**
 * OpenAI values pass through; vendor spellings seen on OpenAI-shaped APIs are folded in:
 * Qianfan `normal`, Zhipu `sensitive`, Zhipu `network_error` (reported as stop; see providers.md §5),
 * Ollama/vLLM `eos`/`max_tokens` style values. Absent means "not finished yet".
 */
const VENDOR_FINISH_REASONS: Record<string, FinishReason> = {
  normal: "stop",
  eos: "stop",
  end_turn: "stop",
  stop_sequence: "stop",
  network_error: "stop",
  max_tokens: "length",
  model_length: "length",
  sensitive: "content_filter",
  content_filtered: "content_filter",
  tool_call: "tool_calls",
  function_call: "function_call",
};

export function mapOpenAIFinishReason(value: unknown): FinishReason | null {
  if (value === null || value === undefined || value === "") return null;
  if (isFinishReason(value)) return value;
  if (typeof value === "string") return VENDOR_FINISH_REASONS[value.toLowerCase()] ?? "stop";
  return "stop";
}
