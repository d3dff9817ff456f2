import type { CallContext, ProviderConfig, Timeouts } from "./call-context.js";
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
import type { AdapterResult, StreamPart } from "./stream-part.js";
import type { UpstreamError } from "./upstream-error.js";

export interface ValidateOptions {
  /** A model to probe with when the vendor has no cheap list endpoint. */
  model?: string;
  signal?: AbortSignal;
  timeouts?: Partial<Timeouts>;
}

export type ValidationResult =
  | { status: "available"; latencyMs: number }
  | { status: "error"; latencyMs: number; error: UpstreamError };

/**
 * One adapter per vendor. Every method exists on every adapter; a capability the vendor lacks
 * throws UpstreamError{type:"unsupported"} (check `capabilities(model)` first).
 */
export interface ProviderAdapter {
  readonly provider: string;
  capabilities(model: string): ModelCapabilities;
  /** Checks credentials and reachability; never throws for upstream failures. */
  validate(config: ProviderConfig, options?: ValidateOptions): Promise<ValidationResult>;

  chat(request: ChatCompletionRequest, context: CallContext): Promise<AdapterResult<ChatCompletion>>;
  streamChat(request: ChatCompletionRequest, context: CallContext): AsyncIterable<StreamPart<ChatCompletionChunk>>;

  complete(request: CompletionRequest, context: CallContext): Promise<AdapterResult<Completion>>;
  streamComplete(request: CompletionRequest, context: CallContext): AsyncIterable<StreamPart<Completion>>;

  embed(request: EmbeddingRequest, context: CallContext): Promise<AdapterResult<EmbeddingResponse>>;

  transcribe(request: TranscriptionRequest, context: CallContext): Promise<AdapterResult<TranscriptionResponse>>;
  streamTranscription(
    request: TranscriptionRequest,
    context: CallContext,
  ): AsyncIterable<StreamPart<TranscriptionStreamEvent>>;
  translate(request: TranslationRequest, context: CallContext): Promise<AdapterResult<TranscriptionResponse>>;

  generateImage(request: ImageGenerationRequest, context: CallContext): Promise<AdapterResult<ImagesResponse>>;
  editImage(request: ImageEditRequest, context: CallContext): Promise<AdapterResult<ImagesResponse>>;

  moderate(request: ModerationRequest, context: CallContext): Promise<AdapterResult<ModerationResponse>>;
}
