import type { HttpResponse } from "../../http/http-transport.js";
import { readJsonEvents } from "../../http/read-json-events.js";
import type { ChatCompletionChunk, ChatCompletionDelta, ChatCompletionRequest } from "../../spec/chat-types.js";
import { ChatOutputAccumulator } from "../../tokenizer/chat-output-accumulator.js";
import { estimateChatUsage } from "../../tokenizer/estimate-usage.js";
import type { FinishReason } from "../../spec/finish-reason.js";
import type { StreamPart } from "../../spec/stream-part.js";
import { truncatedStreamError } from "../../openai-compatible/stream-openai-chat.js";
import { parseAnthropicStreamError } from "./anthropic-error.js";
import type { AnthropicUsage } from "./anthropic-types.js";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason.js";
import { mapAnthropicUsage } from "./map-anthropic-usage.js";

// Vendor JSON, narrowed per event type in the switch below.
type AnthropicEvent = Record<string, any>;

/**
 * Anthropic's named events -> canonical chunks. Usage = message_start.usage (input side) updated by
 * message_delta.usage (final output count); tool_use blocks become indexed tool-call deltas.
 */
export async function* streamAnthropicMessages(response: HttpResponse, request: ChatCompletionRequest, created: number): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
  const accumulator = new ChatOutputAccumulator();
  const state = { id: "", model: "", usage: {} as AnthropicUsage, toolIndexByBlock: new Map<number, number>(), finished: false };
  const chunk = (delta: ChatCompletionDelta, finishReason: FinishReason | null = null): StreamPart<ChatCompletionChunk> => {
    const part: ChatCompletionChunk = { id: state.id, object: "chat.completion.chunk", created, model: state.model, choices: [{ index: 0, delta, finish_reason: finishReason }] };
    accumulator.add(part);
    return { type: "chunk", chunk: part };
  };
  for await (const { json } of readJsonEvents("anthropic", response)) {
    const event = json as AnthropicEvent;
    switch (event.type) {
      case "message_start":
        state.id = event.message?.id ?? "";
        state.model = event.message?.model ?? "";
        state.usage = { ...event.message?.usage };
        yield chunk({ role: "assistant", content: "" });
        break;
      case "content_block_start": {
        const block = event.content_block ?? {};
        if (block.type === "tool_use") {
          const toolIndex = state.toolIndexByBlock.size;
          state.toolIndexByBlock.set(event.index, toolIndex);
          yield chunk({ tool_calls: [{ index: toolIndex, id: block.id, type: "function", function: { name: block.name, arguments: "" } }] });
        } else if (block.type === "text" && block.text) yield chunk({ content: block.text });
        break;
      }
      case "content_block_delta": {
        const delta = event.delta ?? {};
        if (delta.type === "text_delta") yield chunk({ content: delta.text });
        else if (delta.type === "thinking_delta") yield chunk({ reasoning_content: delta.thinking });
        else if (delta.type === "input_json_delta") {
          yield chunk({ tool_calls: [{ index: state.toolIndexByBlock.get(event.index) ?? 0, function: { arguments: delta.partial_json } }] });
        }
        break;
      }
      case "message_delta":
        state.usage = { ...state.usage, ...event.usage };
        if (event.delta?.stop_reason !== undefined && event.delta.stop_reason !== null) {
          state.finished = true;
          yield chunk({}, mapAnthropicFinishReason(event.delta.stop_reason));
        }
        break;
      case "error":
        throw parseAnthropicStreamError(event);
      case "message_stop":
        if (!state.finished) throw truncatedStreamError("anthropic");
        // Usage is always in message_start/message_delta; count it ourselves if a proxy dropped it.
        yield { type: "usage", usage: state.usage.input_tokens === undefined ? await estimateChatUsage(request, accumulator.output()) : mapAnthropicUsage(state.usage) };
        return;
      default:
        break; // ping, content_block_stop, and future event types
    }
  }
  throw truncatedStreamError("anthropic");
}
