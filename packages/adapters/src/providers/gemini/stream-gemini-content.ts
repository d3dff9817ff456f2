import type { HttpResponse } from "../../http/http-transport.js";
import { readJsonEvents } from "../../http/read-json-events.js";
import type { ChatCompletionChunk, ChatCompletionChunkChoice, ChatCompletionRequest } from "../../spec/chat-types.js";
import type { StreamPart } from "../../spec/stream-part.js";
import type { Usage } from "../../spec/usage.js";
import { truncatedStreamError } from "../../openai-compatible/stream-openai-chat.js";
import { ChatOutputAccumulator } from "../../tokenizer/chat-output-accumulator.js";
import { estimateChatUsage } from "../../tokenizer/estimate-usage.js";
import { parseGeminiError } from "./gemini-error.js";
import type { GeminiResponse } from "./gemini-types.js";
import { mapGeminiFinishReason } from "./map-gemini-finish-reason.js";
import { mapGeminiUsage } from "./map-gemini-usage.js";
import { readCandidate } from "./parse-gemini-response.js";

/**
 * `streamGenerateContent?alt=sse`: each event is a GenerateContentResponse holding the next parts;
 * usageMetadata is cumulative (the last one wins); there is no sentinel, the connection just closes
 * after the chunk carrying finishReason. Function calls arrive whole, one delta per call.
 */
export async function* streamGeminiContent(response: HttpResponse, request: ChatCompletionRequest, created: number): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
  const accumulator = new ChatOutputAccumulator();
  const callsSoFar = new Map<number, number>();
  let usage: Usage | undefined;
  let first = true;
  for await (const { json } of readJsonEvents("gemini", response)) {
    const event = json as GeminiResponse & { error?: unknown };
    if (event.error !== undefined) {
      const status = Number((event.error as { code?: unknown }).code) || 500;
      throw parseGeminiError({ provider: "gemini", status, headers: {}, bodyText: JSON.stringify(event), json: event });
    }
    if (event.usageMetadata !== undefined) usage = mapGeminiUsage(event.usageMetadata);
    const choices = (event.candidates ?? []).map((candidate, position): ChatCompletionChunkChoice => {
      const index = candidate.index ?? position;
      const content = readCandidate(candidate, index, callsSoFar.get(index) ?? 0);
      const previousCalls = callsSoFar.get(index) ?? 0;
      callsSoFar.set(index, previousCalls + content.toolCalls.length);
      const delta: ChatCompletionChunkChoice["delta"] = first ? { role: "assistant" } : {};
      if (content.text !== "") delta.content = content.text;
      if (content.reasoning !== "") delta.reasoning_content = content.reasoning;
      if (content.toolCalls.length > 0) delta.tool_calls = content.toolCalls.map((call, offset) => ({ index: previousCalls + offset, ...call }));
      const finish = candidate.finishReason === undefined ? null : mapGeminiFinishReason(candidate.finishReason, (callsSoFar.get(index) ?? 0) > 0);
      return { index, delta, finish_reason: finish };
    });
    if (choices.length === 0 && event.promptFeedback?.blockReason !== undefined) {
      choices.push({ index: 0, delta: { role: "assistant" }, finish_reason: "content_filter" });
    }
    if (choices.length === 0) continue;
    first = false;
    const chunk: ChatCompletionChunk = { id: event.responseId ?? `gemini-${created}`, object: "chat.completion.chunk", created, model: event.modelVersion ?? request.model, choices };
    accumulator.add(chunk);
    yield { type: "chunk", chunk };
  }
  if (!accumulator.finished) throw truncatedStreamError("gemini");
  yield { type: "usage", usage: usage ?? (await estimateChatUsage(request, accumulator.output())) };
}
