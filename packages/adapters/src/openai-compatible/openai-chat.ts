import { parseJsonOrUndefined } from "../http/call-upstream.js";
import type { HttpResponse } from "../http/http-transport.js";
import type { CallContext } from "../spec/call-context.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "../spec/chat-types.js";
import type { AdapterResult, StreamPart } from "../spec/stream-part.js";
import { toOpenAIUsage } from "../spec/usage.js";
import { estimateChatUsage } from "../tokenizer/estimate-usage.js";
import { buildOpenAIChatBody } from "./build-openai-chat-body.js";
import { normalizeOpenAIUsage } from "./normalize-openai-usage.js";
import { parseOpenAIChatCompletion } from "./parse-openai-chat-completion.js";
import { extractErrorObject, parseOpenAIStreamError } from "./parse-openai-error.js";
import { postForStream, postJson, type OpenAIEndpointDeps } from "./openai-request.js";
import { streamOpenAIChat } from "./stream-openai-chat.js";

export async function openAIChat(deps: OpenAIEndpointDeps, request: ChatCompletionRequest, context: CallContext): Promise<AdapterResult<ChatCompletion>> {
  const body = deps.settings.adaptChatBody(buildOpenAIChatBody(request, { stream: false, streamUsageOption: false }), request);
  const answer = await postJson(deps, "/chat/completions", request.model, body, context);
  throwInBodyError(deps, answer.json);
  const response = parseOpenAIChatCompletion(deps.settings.provider, answer.json, deps.settings.mapFinishReason, request.model);
  const usage = normalizeOpenAIUsage((answer.json as Record<string, unknown>).usage) ?? (await estimateFromCompletion(request, response));
  return { response: { ...response, usage: toOpenAIUsage(usage) }, usage };
}

export async function* openAIStreamChat(
  deps: OpenAIEndpointDeps,
  request: ChatCompletionRequest,
  context: CallContext,
): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
  const body = deps.settings.adaptChatBody(buildOpenAIChatBody(request, { stream: true, streamUsageOption: deps.settings.streamUsageOption }), request);
  const response = await postForStream(deps, "/chat/completions", request.model, body, context);
  if (!isJson(response)) {
    yield* streamOpenAIChat(deps.settings, response, request);
    return;
  }
  // A vendor that refuses a streamed call at HTTP 200 answers one JSON body instead of a stream (Qianfan);
  // anything else labelled JSON is read as the stream it should have been.
  const text = await response.text();
  throwInBodyError(deps, parseJsonOrUndefined(text));
  yield* streamOpenAIChat(deps.settings, replayed(response, text), request);
}

/** The already-read body as a response again (the stream parser reads `body`). */
function replayed(response: HttpResponse, text: string): HttpResponse {
  async function* body(): AsyncGenerator<Uint8Array> {
    yield new TextEncoder().encode(text);
  }
  return { status: response.status, headers: response.headers, body: body(), text: async () => text, json: async () => JSON.parse(text) as unknown, dispose: () => undefined };
}

/** `{"error":{...}}` at HTTP 200 (Qianfan v2) is the vendor's error, not a completion without choices. */
function throwInBodyError(deps: OpenAIEndpointDeps, json: unknown): void {
  const hasChoices = typeof json === "object" && json !== null && Array.isArray((json as { choices?: unknown }).choices);
  if (!hasChoices && extractErrorObject(json) !== undefined) throw parseOpenAIStreamError(deps.settings.provider, json, deps.settings.parseError, deps.settings.inBodyErrorStatus);
}

function isJson(response: HttpResponse): boolean {
  return (response.headers["content-type"] ?? "").includes("json");
}

function estimateFromCompletion(request: ChatCompletionRequest, response: ChatCompletion) {
  const message = response.choices[0]?.message;
  return estimateChatUsage(request, {
    text: response.choices.map((choice) => choice.message.content ?? "").join(""),
    reasoning: message?.reasoning_content,
    toolCalls: response.choices.flatMap((choice) => (choice.message.tool_calls ?? []).map((call) => call.function)),
  });
}
