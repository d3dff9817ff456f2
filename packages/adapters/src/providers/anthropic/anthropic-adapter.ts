import { callUpstream, callUpstreamJson } from "../../http/call-upstream.js";
import type { HttpTransport } from "../../http/http-transport.js";
import { joinUrl } from "../../openai-compatible/openai-compatible-settings.js";
import { BaseAdapter } from "../../spec/base-adapter.js";
import type { CallContext, ProviderConfig } from "../../spec/call-context.js";
import { capabilitiesOf, type ModelCapabilities } from "../../spec/capabilities.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "../../spec/chat-types.js";
import type { ValidateOptions } from "../../spec/provider-adapter.js";
import type { AdapterResult, StreamPart } from "../../spec/stream-part.js";
import { toOpenAIUsage } from "../../spec/usage.js";
import { estimateChatUsage } from "../../tokenizer/estimate-usage.js";
import { parseAnthropicError } from "./anthropic-error.js";
import type { AnthropicResponse } from "./anthropic-types.js";
import { anthropicVersionOf } from "./anthropic-version.js";
import { buildAnthropicRequest } from "./build-anthropic-request.js";
import { mapAnthropicUsage } from "./map-anthropic-usage.js";
import { parseAnthropicResponse } from "./parse-anthropic-response.js";
import { streamAnthropicMessages } from "./stream-anthropic-messages.js";

export const ANTHROPIC_BASE_URL = "https://api.anthropic.com/v1";
export { ANTHROPIC_VERSION } from "./anthropic-version.js";

/** Anthropic Messages API: chat (streaming or not) with tools and images. */
export class AnthropicAdapter extends BaseAdapter {
  readonly provider = "anthropic";

  constructor(
    private readonly transport: HttpTransport,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  capabilities(_model: string): ModelCapabilities {
    return capabilitiesOf(["chat", "chatStreaming", "tools", "vision"]);
  }

  protected async probe(config: ProviderConfig, options: ValidateOptions): Promise<void> {
    await callUpstreamJson(this.transport, {
      provider: this.provider,
      method: "GET",
      url: joinUrl(config.baseUrl ?? ANTHROPIC_BASE_URL, "/models"),
      headers: anthropicHeaders(config),
      context: { config, signal: options.signal, timeouts: options.timeouts },
      parseError: parseAnthropicError,
    });
  }

  override async chat(request: ChatCompletionRequest, context: CallContext): Promise<AdapterResult<ChatCompletion>> {
    const answer = await callUpstreamJson(this.transport, this.messagesCall(request, context, false));
    const response = parseAnthropicResponse(answer.json, Math.floor(this.now() / 1000));
    const rawUsage = (answer.json as AnthropicResponse).usage;
    const message = response.choices[0]?.message;
    const usage =
      rawUsage?.input_tokens !== undefined
        ? mapAnthropicUsage(rawUsage)
        : await estimateChatUsage(request, { text: message?.content ?? "", toolCalls: (message?.tool_calls ?? []).map((call) => call.function) });
    return { response: { ...response, usage: toOpenAIUsage(usage) }, usage };
  }

  override async *streamChat(request: ChatCompletionRequest, context: CallContext): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
    const response = await callUpstream(this.transport, this.messagesCall(request, context, true));
    yield* streamAnthropicMessages(response, request, Math.floor(this.now() / 1000));
  }

  private messagesCall(request: ChatCompletionRequest, context: CallContext, stream: boolean) {
    const headers = { ...anthropicHeaders(context.config), "content-type": "application/json", ...(stream ? { accept: "text/event-stream" } : {}) };
    return {
      provider: this.provider,
      method: "POST" as const,
      url: joinUrl(context.config.baseUrl ?? ANTHROPIC_BASE_URL, "/messages"),
      headers,
      body: JSON.stringify(buildAnthropicRequest(request, stream, anthropicVersionOf(context.config))),
      context,
      parseError: parseAnthropicError,
    };
  }
}

/** The key as a bearer token, as the current official SDK sends it (the API also takes `x-api-key`). */
function anthropicHeaders(config: ProviderConfig): Record<string, string> {
  return { authorization: `Bearer ${config.apiKey ?? ""}`, "anthropic-version": anthropicVersionOf(config), ...config.headers };
}
