import type { CallContext, ProviderConfig } from "./call-context.js";
import type { ModelCapabilities } from "./capabilities.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "./chat-types.js";
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
} from "./endpoint-types.js";
import type { ProviderAdapter, ValidateOptions, ValidationResult } from "./provider-adapter.js";
import type { AdapterResult, StreamPart } from "./stream-part.js";
import { isUpstreamError, UpstreamError, unsupportedCapability } from "./upstream-error.js";

/** Default implementations: every capability is unsupported until a subclass overrides it. */
export abstract class BaseAdapter implements ProviderAdapter {
  abstract readonly provider: string;
  abstract capabilities(model: string): ModelCapabilities;

  /** Subclasses perform the cheapest authenticated call; errors are turned into a result. */
  protected abstract probe(config: ProviderConfig, options: ValidateOptions): Promise<void>;

  async validate(config: ProviderConfig, options: ValidateOptions = {}): Promise<ValidationResult> {
    const started = Date.now();
    try {
      await this.probe(config, options);
      return { status: "available", latencyMs: Date.now() - started };
    } catch (error) {
      const upstreamError = isUpstreamError(error)
        ? error
        : new UpstreamError({ provider: this.provider, status: 502, type: "connection", message: String(error), cause: error });
      return { status: "error", latencyMs: Date.now() - started, error: upstreamError };
    }
  }

  chat(_request: ChatCompletionRequest, _context: CallContext): Promise<AdapterResult<ChatCompletion>> {
    return Promise.reject(unsupportedCapability(this.provider, "chat"));
  }

  async *streamChat(_request: ChatCompletionRequest, _context: CallContext): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
    throw unsupportedCapability(this.provider, "streaming chat");
  }

  complete(_request: CompletionRequest, _context: CallContext): Promise<AdapterResult<Completion>> {
    return Promise.reject(unsupportedCapability(this.provider, "completions"));
  }

  async *streamComplete(_request: CompletionRequest, _context: CallContext): AsyncGenerator<StreamPart<Completion>> {
    throw unsupportedCapability(this.provider, "streaming completions");
  }

  embed(_request: EmbeddingRequest, _context: CallContext): Promise<AdapterResult<EmbeddingResponse>> {
    return Promise.reject(unsupportedCapability(this.provider, "embeddings"));
  }

  transcribe(_request: TranscriptionRequest, _context: CallContext): Promise<AdapterResult<TranscriptionResponse>> {
    return Promise.reject(unsupportedCapability(this.provider, "audio transcription"));
  }

  async *streamTranscription(
    _request: TranscriptionRequest,
    _context: CallContext,
  ): AsyncGenerator<StreamPart<TranscriptionStreamEvent>> {
    throw unsupportedCapability(this.provider, "streaming audio transcription");
  }

  translate(_request: TranslationRequest, _context: CallContext): Promise<AdapterResult<TranscriptionResponse>> {
    return Promise.reject(unsupportedCapability(this.provider, "audio translation"));
  }

  generateImage(_request: ImageGenerationRequest, _context: CallContext): Promise<AdapterResult<ImagesResponse>> {
    return Promise.reject(unsupportedCapability(this.provider, "image generation"));
  }

  editImage(_request: ImageEditRequest, _context: CallContext): Promise<AdapterResult<ImagesResponse>> {
    return Promise.reject(unsupportedCapability(this.provider, "image edit"));
  }

  moderate(_request: ModerationRequest, _context: CallContext): Promise<AdapterResult<ModerationResponse>> {
    return Promise.reject(unsupportedCapability(this.provider, "moderation"));
  }
}
