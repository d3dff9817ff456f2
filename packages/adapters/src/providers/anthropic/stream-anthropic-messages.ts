import type { HttpResponse } from "../../http/http-transport.js";
import { readJsonEvents } from "../../http/read-json-events.js";
import { truncatedStreamError } from "../../openai-compatible/stream-openai-chat.js";
import type { ChatCompletionChunk, ChatCompletionRequest } from "../../spec/chat-types.js";
import type { StreamPart } from "../../spec/stream-part.js";
import { ChatOutputAccumulator } from "../../tokenizer/chat-output-accumulator.js";
import { estimateChatUsage } from "../../tokenizer/estimate-usage.js";
import { parseAnthropicStreamError } from "./anthropic-error.js";
import { mapAnthropicUsage } from "./map-anthropic-usage.js";
import { createAnthropicStreamState, mapAnthropicStreamEvent, type AnthropicEvent } from "./map-anthropic-stream-event.js";

/** Anthropic's named events -> canonical chunks, then one usage part at `message_stop`. */
export async function* streamAnthropicMessages(response: HttpResponse, request: ChatCompletionRequest, created: number): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
  const accumulator = new ChatOutputAccumulator();
  const state = createAnthropicStreamState();
  for await (const { json } of readJsonEvents("anthropic", response)) {
    const event = json as AnthropicEvent;
    if (event.type === "error") throw parseAnthropicStreamError(event);
    if (event.type === "message_stop") {
      if (!state.finished) throw truncatedStreamError("anthropic");
      // Usage is always in message_start/message_delta; count it ourselves if a proxy dropped it.
      const usage = state.usage.input_tokens === undefined ? await estimateChatUsage(request, accumulator.output()) : mapAnthropicUsage(state.usage);
      yield { type: "usage", usage };
      return;
    }
    const step = mapAnthropicStreamEvent(event, state);
    if (step === undefined) continue;
    const chunk: ChatCompletionChunk = { id: state.id, object: "chat.completion.chunk", created, model: state.model, choices: [{ index: 0, delta: step.delta, finish_reason: step.finishReason }] };
    accumulator.add(chunk);
    yield { type: "chunk", chunk };
  }
  throw truncatedStreamError("anthropic");
}
