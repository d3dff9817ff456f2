import type { HttpResponse } from "../http/http-transport.js";
import { readJsonEvents } from "../http/read-json-events.js";
import type { ChatCompletionChunk, ChatCompletionRequest } from "../spec/chat-types.js";
import type { StreamPart } from "../spec/stream-part.js";
import { UpstreamError } from "../spec/upstream-error.js";
import type { Usage } from "../spec/usage.js";
import { ChatOutputAccumulator } from "../tokenizer/chat-output-accumulator.js";
import { estimateChatUsage } from "../tokenizer/estimate-usage.js";
import type { OpenAICompatibleSettings } from "./openai-compatible-settings.js";
import { normalizeOpenAIUsage } from "./normalize-openai-usage.js";
import { parseOpenAIChatChunk } from "./parse-openai-chat-chunk.js";
import { extractErrorObject, parseOpenAIStreamError } from "./parse-openai-error.js";

/**
 * OpenAI-shaped SSE -> canonical stream parts. Usage is taken from whichever chunk carries it
 * (OpenAI's usage-only final chunk, Zhipu's finish chunk, ...) and emitted once at the end; chunks
 * without choices (usage-only, Azure's prompt-filter preamble) are not forwarded.
 */
export async function* streamOpenAIChat(
  settings: Pick<OpenAICompatibleSettings, "provider" | "mapFinishReason" | "parseError" | "inBodyErrorStatus">,
  response: HttpResponse,
  request: ChatCompletionRequest,
): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
  const accumulator = new ChatOutputAccumulator();
  let usage: Usage | undefined;
  for await (const { json } of readJsonEvents(settings.provider, response)) {
    if (typeof json !== "object" || json === null) continue;
    if (extractErrorObject(json) !== undefined) throw parseOpenAIStreamError(settings.provider, json, settings.parseError, settings.inBodyErrorStatus);
    const raw = json as Record<string, unknown>;
    usage = normalizeOpenAIUsage(raw.usage) ?? usage;
    const chunk = parseOpenAIChatChunk(raw, settings.mapFinishReason, request.model);
    if (chunk.choices.length === 0) continue;
    accumulator.add(chunk);
    yield { type: "chunk", chunk };
  }
  if (!accumulator.finished) throw truncatedStreamError(settings.provider);
  yield { type: "usage", usage: usage ?? (await estimateChatUsage(request, accumulator.output())) };
}

export function truncatedStreamError(provider: string): UpstreamError {
  return new UpstreamError({
    provider,
    status: 502,
    type: "connection",
    message: "Upstream stream ended before the response was complete",
  });
}
