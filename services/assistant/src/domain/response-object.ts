import type { ChatAnswer } from "../ports/model-caller.js";
import type { StreamEvent } from "./deps.js";
import type { ResponseItem } from "./response-items.js";

/** OpenAI's Response object (the fields this service fills). */
export interface ResponseObject {
  id: string;
  object: "response";
  created_at: number;
  status: "completed" | "failed" | "in_progress" | "cancelled" | "incomplete";
  error: { code: string; message: string } | null;
  incomplete_details: null;
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
 * OpenAI's streaming events for a response: created, in_progress, each output item (added, its text
 * or arguments as deltas, done), then completed or failed. Every event carries its sequence number.
 */
export function responseEvents(started: ResponseObject, finished: ResponseObject): StreamEvent[] {
  const events: StreamEvent[] = [];
  const emit = (type: string, fields: Record<string, unknown>) => events.push({ event: type, data: { type, sequence_number: events.length, ...fields } });
  emit("response.created", { response: started });
  emit("response.in_progress", { response: started });
  finished.output.forEach((item, outputIndex) => {
    if (item.type === "message") {
      const text = item.content.map((part) => part.text).join("");
      const part = { type: "output_text", text: "", annotations: [], logprobs: [] };
      emit("response.output_item.added", { output_index: outputIndex, item: { ...item, status: "in_progress", content: [] } });
      emit("response.content_part.added", { item_id: item.id, output_index: outputIndex, content_index: 0, part });
      emit("response.output_text.delta", { item_id: item.id, output_index: outputIndex, content_index: 0, delta: text, logprobs: [] });
      emit("response.output_text.done", { item_id: item.id, output_index: outputIndex, content_index: 0, text, logprobs: [] });
      emit("response.content_part.done", { item_id: item.id, output_index: outputIndex, content_index: 0, part: { ...part, text } });
    } else if (item.type === "function_call") {
      emit("response.output_item.added", { output_index: outputIndex, item: { ...item, status: "in_progress", arguments: "" } });
      emit("response.function_call_arguments.delta", { item_id: item.id, output_index: outputIndex, delta: item.arguments });
      emit("response.function_call_arguments.done", { item_id: item.id, output_index: outputIndex, name: item.name, arguments: item.arguments });
    }
    emit("response.output_item.done", { output_index: outputIndex, item });
  });
  emit(finished.status === "failed" ? "response.failed" : "response.completed", { response: finished });
  return events;
}
