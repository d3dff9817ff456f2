import type { ChatAnswer } from "../ports/model-caller.js";
import type { ResponseItem } from "./response-items.js";

/** OpenAI's Response object (the fields this service fills). */
export interface ResponseObject {
  id: string;
  object: "response";
  created_at: number;
  status: "completed" | "failed" | "in_progress" | "cancelled" | "incomplete";
  error: { code: string; message: string } | null;
  incomplete_details: { reason: "max_output_tokens" | "content_filter" } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  model: string;
  output: ResponseItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  conversation: { id: string } | null;
  reasoning: { effort: null; summary: null };
  store: boolean;
  temperature: number | null;
  text: { format: { type: "text" } };
  tool_choice: unknown;
  tools: unknown[];
  top_p: number | null;
  truncation: "disabled";
  usage: { input_tokens: number; input_tokens_details: { cached_tokens: number; cache_write_tokens: number }; output_tokens: number; output_tokens_details: { reasoning_tokens: number }; total_tokens: number } | null;
  metadata: Record<string, string>;
}

export function responseUsage(answer: ChatAnswer): ResponseObject["usage"] {
  const usage = answer.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.total_tokens,
  };
}

/**
 * A finished response from its model call's answer: `incomplete` (reason `max_output_tokens`, the
 * message item incomplete too) when the answer stopped at the token limit, as OpenAI's does.
 */
export function finishedResponse(started: ResponseObject, answer: ChatAnswer, output: ResponseItem[]): ResponseObject {
  const usage = responseUsage(answer);
  if (answer.choices[0]?.finish_reason !== "length") return { ...started, status: "completed", output, usage };
  const cut = output.map((item) => (item.type === "message" ? { ...item, status: "incomplete" as const } : item));
  return { ...started, status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, output: cut, usage };
}
