import type { CallContext } from "../spec/call-context.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "../spec/chat-types.js";
import type { AdapterResult, StreamPart } from "../spec/stream-part.js";
import { toOpenAIUsage } from "../spec/usage.js";
import { estimateChatUsage } from "../tokenizer/estimate-usage.js";
import { buildOpenAIChatBody } from "./build-openai-chat-body.js";
import { normalizeOpenAIUsage } from "./normalize-openai-usage.js";
import { parseOpenAIChatCompletion } from "./parse-openai-chat-completion.js";
import { postForStream, postJson, type OpenAIEndpointDeps } from "./openai-request.js";
import { streamOpenAIChat } from "./stream-openai-chat.js";

export async function openAIChat(deps: OpenAIEndpointDeps, request: ChatCompletionRequest, context: CallContext): Promise<AdapterResult<ChatCompletion>> {
  const body = deps.settings.adaptChatBody(buildOpenAIChatBody(request, { stream: false, streamUsageOption: false }), request);
  const answer = await postJson(deps, "/chat/completions", request.model, body, context);
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
  yield* streamOpenAIChat(deps.settings, response, request);
}

function estimateFromCompletion(request: ChatCompletionRequest, response: ChatCompletion) {
  const message = response.choices[0]?.message;
  return estimateChatUsage(request, {
    text: response.choices.map((choice) => choice.message.content ?? "").join(""),
    reasoning: message?.reasoning_content,
    toolCalls: response.choices.flatMap((choice) => (choice.message.tool_calls ?? []).map((call) => call.function)),
  });
}
