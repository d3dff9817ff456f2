import { callUpstream, callUpstreamJson, type UpstreamCall } from "../../http/call-upstream.js";
import type { HttpTransport } from "../../http/http-transport.js";
import { joinUrl } from "../../openai-compatible/openai-compatible-settings.js";
import { BaseAdapter } from "../../spec/base-adapter.js";
import type { CallContext, ProviderConfig } from "../../spec/call-context.js";
import { capabilitiesOf, classifyModelName, type ModelCapabilities } from "../../spec/capabilities.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "../../spec/chat-types.js";
import type { EmbeddingRequest, EmbeddingResponse } from "../../spec/endpoint-types.js";
import type { ValidateOptions } from "../../spec/provider-adapter.js";
import type { AdapterResult, StreamPart } from "../../spec/stream-part.js";
import { toOpenAIUsage } from "../../spec/usage.js";
import { estimateChatUsage } from "../../tokenizer/estimate-usage.js";
import { buildGeminiRequest } from "./build-gemini-request.js";
import { DEFAULT_GEMINI_API_VERSION, GEMINI_HOST_URL, geminiVersionedBaseUrl } from "./gemini-api-version.js";
import { buildGeminiEmbeddingsBody, parseGeminiEmbeddings } from "./gemini-embeddings.js";
import { parseGeminiError } from "./gemini-error.js";
import type { GeminiResponse } from "./gemini-types.js";
import { mapGeminiUsage } from "./map-gemini-usage.js";
import { parseGeminiResponse } from "./parse-gemini-response.js";
import { streamGeminiContent } from "./stream-gemini-content.js";

/** The default endpoint (host + default API version); a deployment's base URL is the host root. */
export const GEMINI_BASE_URL = `${GEMINI_HOST_URL}/${DEFAULT_GEMINI_API_VERSION}`;

/**
 * Google Gemini (native generateContent API): chat, streaming over `alt=sse`, function calling, images in,
 * embeddings. The API version (`v1beta` by default, or `v1`) is the deployment's `api_version`.
 */
export class GeminiAdapter extends BaseAdapter {
  readonly provider = "gemini";

  constructor(
    private readonly transport: HttpTransport,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  capabilities(model: string): ModelCapabilities {
    if (classifyModelName(model) === "embedding") return capabilitiesOf(["embeddings"]);
    return capabilitiesOf(["chat", "chatStreaming", "tools", "vision"]);
  }

  protected async probe(config: ProviderConfig, options: ValidateOptions): Promise<void> {
    await callUpstreamJson(this.transport, {
      provider: this.provider,
      method: "GET",
      url: joinUrl(geminiVersionedBaseUrl(config), "/models"),
      headers: geminiHeaders(config),
      context: { config, signal: options.signal, timeouts: options.timeouts },
      parseError: parseGeminiError,
    });
  }

  override async chat(request: ChatCompletionRequest, context: CallContext): Promise<AdapterResult<ChatCompletion>> {
    const answer = await callUpstreamJson(this.transport, this.generateCall(request, context, false));
    const raw = answer.json as GeminiResponse;
    const response = parseGeminiResponse(raw, request.model, Math.floor(this.now() / 1000));
    const usage = raw.usageMetadata !== undefined ? mapGeminiUsage(raw.usageMetadata) : await estimateChatUsage(request, { text: response.choices.map((choice) => choice.message.content ?? "").join("") });
    return { response: { ...response, usage: toOpenAIUsage(usage) }, usage };
  }

  override async *streamChat(request: ChatCompletionRequest, context: CallContext): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
    const response = await callUpstream(this.transport, this.generateCall(request, context, true));
    yield* streamGeminiContent(response, request, Math.floor(this.now() / 1000));
  }

  override async embed(request: EmbeddingRequest, context: CallContext): Promise<AdapterResult<EmbeddingResponse>> {
    const model = modelId(request.model);
    const answer = await callUpstreamJson(this.transport, {
      provider: this.provider,
      method: "POST",
      url: joinUrl(geminiVersionedBaseUrl(context.config), `/models/${encodeURIComponent(model)}:batchEmbedContents`),
      headers: { ...geminiHeaders(context.config), "content-type": "application/json" },
      body: JSON.stringify(buildGeminiEmbeddingsBody(request, model)),
      context,
      parseError: parseGeminiError,
    });
    return parseGeminiEmbeddings(answer.json, request);
  }

  private generateCall(request: ChatCompletionRequest, context: CallContext, stream: boolean): UpstreamCall {
    const method = stream ? "streamGenerateContent?alt=sse" : "generateContent";
    const model = modelId(request.model);
    return {
      provider: this.provider,
      method: "POST",
      url: joinUrl(geminiVersionedBaseUrl(context.config), `/models/${encodeURIComponent(model)}:${method}`),
      headers: { ...geminiHeaders(context.config), "content-type": "application/json" },
      body: JSON.stringify(buildGeminiRequest(request)),
      context,
      parseError: parseGeminiError,
    };
  }
}

function modelId(model: string): string {
  return model.startsWith("models/") ? model.slice("models/".length) : model;
}

function geminiHeaders(config: ProviderConfig): Record<string, string> {
  return { "x-goog-api-key": config.apiKey ?? "", ...config.headers };
}
