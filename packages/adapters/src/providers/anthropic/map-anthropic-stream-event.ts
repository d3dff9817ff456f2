import type { ChatCompletionDelta } from "../../spec/chat-types.js";
import type { FinishReason } from "../../spec/finish-reason.js";
import type { AnthropicUsage } from "./anthropic-types.js";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason.js";

// Vendor JSON, narrowed per event type in the switch below.
export type AnthropicEvent = Record<string, any>;

/** What the stream has learned so far; updated in place by each event. */
export interface AnthropicStreamState {
  id: string;
  model: string;
  usage: AnthropicUsage;
  /** Content block index -> tool-call ordinal (OpenAI indexes tool calls from 0). */
  toolIndexByBlock: Map<number, number>;
  finished: boolean;
}

export interface AnthropicStreamStep {
  delta: ChatCompletionDelta;
  finishReason: FinishReason | null;
}

export function createAnthropicStreamState(): AnthropicStreamState {
  return { id: "", model: "", usage: {}, toolIndexByBlock: new Map(), finished: false };
}

/**
 * One Anthropic stream event -> the canonical delta it produces (if any). message_start sets the id,
 * model and input usage; message_delta brings the final output usage and the stop reason;
 * tool_use blocks become indexed tool-call deltas; ping and content_block_stop produce nothing.
 */
export function mapAnthropicStreamEvent(event: AnthropicEvent, state: AnthropicStreamState): AnthropicStreamStep | undefined {
  const step = (delta: ChatCompletionDelta, finishReason: FinishReason | null = null): AnthropicStreamStep => ({ delta, finishReason });
  switch (event.type) {
    case "message_start":
      state.id = event.message?.id ?? "";
      state.model = event.message?.model ?? "";
      state.usage = { ...event.message?.usage };
      return step({ role: "assistant", content: "" });
    case "content_block_start": {
      const block = event.content_block ?? {};
      if (block.type === "tool_use") {
        const toolIndex = state.toolIndexByBlock.size;
        state.toolIndexByBlock.set(event.index, toolIndex);
        return step({ tool_calls: [{ index: toolIndex, id: block.id, type: "function", function: { name: block.name, arguments: "" } }] });
      }
      return block.type === "text" && block.text ? step({ content: block.text }) : undefined;
    }
    case "content_block_delta": {
      const delta = event.delta ?? {};
      if (delta.type === "text_delta") return step({ content: delta.text });
      if (delta.type === "thinking_delta") return step({ reasoning_content: delta.thinking });
      if (delta.type === "input_json_delta") return step({ tool_calls: [{ index: state.toolIndexByBlock.get(event.index) ?? 0, function: { arguments: delta.partial_json } }] });
      return undefined;
    }
    case "message_delta":
      state.usage = { ...state.usage, ...event.usage };
      if (event.delta?.stop_reason === undefined || event.delta.stop_reason === null) return undefined;
      state.finished = true;
      return step({}, mapAnthropicFinishReason(event.delta.stop_reason));
    default:
      return undefined;
  }
}
