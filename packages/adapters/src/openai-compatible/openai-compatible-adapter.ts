import type { HttpTransport } from "../http/http-transport.js";
import { BaseAdapter } from "../spec/base-adapter.js";
import type { CallContext, ProviderConfig } from "../spec/call-context.js";
import type { ModelCapabilities } from "../spec/capabilities.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "../spec/chat-types.js";
import type {
  Completion,
  CompletionRequest,
  EmbeddingRequest,
  EmbeddingResponse,
  ImageEditRequest,
  ImageGenerationRequest,
  ImagesResponse,
  ModerationRequest,
  ModerationResponse,
  TranscriptionRequest,
  TranscriptionResponse,
  TranscriptionStreamEvent,
  TranslationRequest,
} from "../spec/endpoint-types.js";
import type { ValidateOptions } from "../spec/provider-adapter.js";
import type { AdapterResult, StreamPart } from "../spec/stream-part.js";
import { unsupportedCapability, type UpstreamError } from "../spec/upstream-error.js";
import { openAITranscribe, openAIStreamTranscription } from "./openai-audio.js";
import { openAIChat, openAIStreamChat } from "./openai-chat.js";
import type { OpenAICompatibleSettings } from "./openai-compatible-settings.js";
import { openAIComplete, openAIStreamComplete } from "./openai-completions.js";
import { openAIEmbed } from "./openai-embeddings.js";
import { openAIEditImage, openAIGenerateImage } from "./openai-images.js";
import { openAIModerate } from "./openai-moderation.js";
import { getJson, type OpenAIEndpointDeps } from "./openai-request.js";

/**
 * The adapter for every OpenAI-shaped vendor (OpenAI itself, Azure, Qianfan v2, Zhipu, DeepSeek,
 * DashScope, Moonshot, Ollama, vLLM): one implementation, parameterised by settings. A capability
 * the settings do not grant for the model throws `unsupported` before any network call.
 */
export class OpenAICompatibleAdapter extends BaseAdapter {
  readonly provider: string;
  private readonly deps: OpenAIEndpointDeps;

  constructor(
    readonly settings: OpenAICompatibleSettings,
    transport: HttpTransport,
  ) {
    super();
    this.provider = settings.provider;
    this.deps = { settings, transport };
  }

  capabilities(model: string): ModelCapabilities {
    return this.settings.capabilities(model);
  }

  protected async probe(config: ProviderConfig, options: ValidateOptions): Promise<void> {
    const context: CallContext = { config, signal: options.signal, timeouts: options.timeouts };
    if (this.settings.validationPath !== null) {
      await getJson(this.deps, this.settings.validationPath, context);
      return;
    }
    const model = options.model ?? this.settings.validationModel ?? "";
    await openAIChat(this.deps, { model, messages: [{ role: "user", content: "ping" }], max_tokens: 1 }, context);
  }

  override chat(request: ChatCompletionRequest, context: CallContext): Promise<AdapterResult<ChatCompletion>> {
    return this.guarded(request.model, "chat", () => openAIChat(this.deps, request, context));
  }

  override async *streamChat(request: ChatCompletionRequest, context: CallContext): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
    this.require(request.model, "chatStreaming");
    yield* openAIStreamChat(this.deps, request, context);
  }

  override complete(request: CompletionRequest, context: CallContext): Promise<AdapterResult<Completion>> {
    return this.guarded(request.model, "completions", () => openAIComplete(this.deps, request, context));
  }

  override async *streamComplete(request: CompletionRequest, context: CallContext): AsyncGenerator<StreamPart<Completion>> {
    this.require(request.model, "completionsStreaming");
    yield* openAIStreamComplete(this.deps, request, context);
  }

  override embed(request: EmbeddingRequest, context: CallContext): Promise<AdapterResult<EmbeddingResponse>> {
    return this.guarded(request.model, "embeddings", () => openAIEmbed(this.deps, request, context));
  }

  override transcribe(request: TranscriptionRequest, context: CallContext): Promise<AdapterResult<TranscriptionResponse>> {
    return this.guarded(request.model, "audioTranscription", () => openAITranscribe(this.deps, request, context, "/audio/transcriptions"));
  }

  override async *streamTranscription(request: TranscriptionRequest, context: CallContext): AsyncGenerator<StreamPart<TranscriptionStreamEvent>> {
    this.require(request.model, "audioTranscriptionStreaming");
    yield* openAIStreamTranscription(this.deps, request, context);
  }

  override translate(request: TranslationRequest, context: CallContext): Promise<AdapterResult<TranscriptionResponse>> {
    return this.guarded(request.model, "audioTranslation", () => openAITranscribe(this.deps, request, context, "/audio/translations"));
  }

  override generateImage(request: ImageGenerationRequest, context: CallContext): Promise<AdapterResult<ImagesResponse>> {
    return this.guarded(request.model ?? "dall-e-2", "imageGeneration", () => openAIGenerateImage(this.deps, request, context));
  }

  override editImage(request: ImageEditRequest, context: CallContext): Promise<AdapterResult<ImagesResponse>> {
    return this.guarded(request.model ?? "dall-e-2", "imageEdit", () => openAIEditImage(this.deps, request, context));
  }

  override moderate(request: ModerationRequest, context: CallContext): Promise<AdapterResult<ModerationResponse>> {
    return this.guarded(request.model ?? "omni-moderation-latest", "moderation", () => openAIModerate(this.deps, request, context));
  }

  private require(model: string, capability: keyof ModelCapabilities): void {
    if (!this.settings.capabilities(model)[capability]) throw this.unsupported(capability);
  }

  private guarded<T>(model: string, capability: keyof ModelCapabilities, call: () => Promise<T>): Promise<T> {
    if (!this.settings.capabilities(model)[capability]) return Promise.reject(this.unsupported(capability));
    return call();
  }

  private unsupported(capability: string): UpstreamError {
    return unsupportedCapability(this.provider, capability);
  }
}
