import { BaseAdapter } from "../../spec/base-adapter.js";
import type { CallContext, ProviderConfig } from "../../spec/call-context.js";
import { capabilitiesOf, type ModelCapabilities } from "../../spec/capabilities.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "../../spec/chat-types.js";
import type { Completion, CompletionRequest, EmbeddingRequest, EmbeddingResponse, ImageEditRequest, ImageGenerationRequest, ImagesResponse, ModerationRequest, ModerationResponse, TranscriptionRequest, TranscriptionResponse, TranscriptionStreamEvent, TranslationRequest } from "../../spec/endpoint-types.js";
import type { AdapterResult, StreamPart } from "../../spec/stream-part.js";
import { createUsage, toOpenAIUsage } from "../../spec/usage.js";
import { estimateChatUsage, estimateTextUsage, promptTexts } from "../../tokenizer/estimate-usage.js";
import { countTokens } from "../../tokenizer/token-counter.js";
import { moderationTexts } from "../../openai-compatible/openai-moderation.js";
import { MOCK_IMAGE_BASE64, mockCompletionText, mockEmbedding, mockModeration, mockReplyText, mockToolCall, mockTranscript, splitWords, stableHash } from "./mock-content.js";
import { abortableDelay } from "./abortable-delay.js";

const DEFAULT_STREAM_DELAY_MS = 20;
const DEFAULT_EMBEDDING_DIMENSIONS = 256;

/**
 * MOCK provider: no network, deterministic answers on every endpoint, for demos and first runs.
 * Usage is counted with the real tokenizer (the mock's own exact count, so not flagged estimated).
 */
export class MockAdapter extends BaseAdapter {
  readonly provider = "mock";

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  capabilities(_model: string): ModelCapabilities {
    return capabilitiesOf(["chat", "chatStreaming", "tools", "vision", "completions", "completionsStreaming", "embeddings", "audioTranscription", "audioTranscriptionStreaming", "audioTranslation", "imageGeneration", "imageEdit", "moderation"]);
  }

  protected async probe(_config: ProviderConfig): Promise<void> {}

  override async chat(request: ChatCompletionRequest, context: CallContext): Promise<AdapterResult<ChatCompletion>> {
    context.signal?.throwIfAborted();
    const toolCall = mockToolCall(request);
    const text = toolCall === undefined ? mockReplyText(request) : null;
    const usage = { ...(await estimateChatUsage(request, { text: text ?? "", toolCalls: toolCall ? [toolCall.function] : [] })), estimated: false };
    const response: ChatCompletion = {
      ...this.identity(request.model, "chatcmpl", "chat.completion"),
      choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null, ...(toolCall ? { tool_calls: [toolCall] } : {}) }, logprobs: null, finish_reason: toolCall ? "tool_calls" : "stop" }],
      usage: toOpenAIUsage(usage),
      system_fingerprint: "fp_mock",
    };
    return { response, usage };
  }

  override async *streamChat(request: ChatCompletionRequest, context: CallContext): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
    const { response, usage } = await this.chat(request, context);
    const base = { ...this.identity(request.model, "chatcmpl", "chat.completion.chunk"), system_fingerprint: "fp_mock" };
    const delay = context.config.mockStreamDelayMs ?? DEFAULT_STREAM_DELAY_MS;
    const message = response.choices[0]!.message;
    yield { type: "chunk", chunk: { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] } };
    for (const word of splitWords(message.content ?? "")) {
      await abortableDelay(delay, context.signal);
      yield { type: "chunk", chunk: { ...base, choices: [{ index: 0, delta: { content: word }, finish_reason: null }] } };
    }
    for (const [index, call] of (message.tool_calls ?? []).entries()) {
      await abortableDelay(delay, context.signal);
      yield { type: "chunk", chunk: { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, id: call.id, type: "function", function: call.function }] }, finish_reason: null }] } };
    }
    yield { type: "chunk", chunk: { ...base, choices: [{ index: 0, delta: {}, finish_reason: response.choices[0]!.finish_reason }] } };
    yield { type: "usage", usage };
  }

  override async complete(request: CompletionRequest, context: CallContext): Promise<AdapterResult<Completion>> {
    context.signal?.throwIfAborted();
    const prompt = promptTexts(request.prompt).join("");
    const text = mockCompletionText(prompt);
    const usage = { ...(await estimateTextUsage([prompt], [text])), estimated: false };
    const response: Completion = { ...this.identity(request.model, "cmpl", "text_completion"), choices: [{ text, index: 0, logprobs: null, finish_reason: "stop" }], usage: toOpenAIUsage(usage) };
    return { response, usage };
  }

  override async *streamComplete(request: CompletionRequest, context: CallContext): AsyncGenerator<StreamPart<Completion>> {
    const { response, usage } = await this.complete(request, context);
    const base = this.identity(request.model, "cmpl", "text_completion");
    for (const word of splitWords(response.choices[0]!.text)) {
      await abortableDelay(context.config.mockStreamDelayMs ?? DEFAULT_STREAM_DELAY_MS, context.signal);
      yield { type: "chunk", chunk: { ...base, choices: [{ text: word, index: 0, logprobs: null, finish_reason: null }] } };
    }
    yield { type: "chunk", chunk: { ...base, choices: [{ text: "", index: 0, logprobs: null, finish_reason: "stop" }] } };
    yield { type: "usage", usage };
  }

  override async embed(request: EmbeddingRequest, context: CallContext): Promise<AdapterResult<EmbeddingResponse>> {
    context.signal?.throwIfAborted();
    const inputs = Array.isArray(request.input) ? request.input.map((item) => (typeof item === "string" ? item : JSON.stringify(item))) : [String(request.input)];
    const dimensions = request.dimensions ?? context.config.mockEmbeddingDimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
    const usage = { ...(await estimateTextUsage(inputs)), estimated: false };
    const data = inputs.map((input, index) => {
      const vector = mockEmbedding(input, dimensions);
      const embedding = request.encoding_format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
      return { object: "embedding" as const, index, embedding };
    });
    return { response: { object: "list", data, model: request.model, usage: { prompt_tokens: usage.promptTokens, total_tokens: usage.totalTokens } }, usage };
  }

  override async transcribe(request: TranscriptionRequest | TranslationRequest, context: CallContext): Promise<AdapterResult<TranscriptionResponse>> {
    context.signal?.throwIfAborted();
    const text = mockTranscript(request.file.filename, request.file.data.length);
    const usage = createUsage({ audioSeconds: 1, completionTokens: await countTokens(text) });
    const format = request.response_format ?? "json";
    if (format === "text" || format === "srt" || format === "vtt") return { response: text, usage };
    return { response: { text, usage: { type: "duration", seconds: 1 } }, usage };
  }

  override async *streamTranscription(request: TranscriptionRequest, context: CallContext): AsyncGenerator<StreamPart<TranscriptionStreamEvent>> {
    const { usage } = await this.transcribe(request, context);
    const text = mockTranscript(request.file.filename, request.file.data.length);
    for (const delta of splitWords(text)) {
      await abortableDelay(context.config.mockStreamDelayMs ?? DEFAULT_STREAM_DELAY_MS, context.signal);
      yield { type: "chunk", chunk: { type: "transcript.text.delta", delta } };
    }
    yield { type: "chunk", chunk: { type: "transcript.text.done", text } };
    yield { type: "usage", usage };
  }

  override translate(request: TranslationRequest, context: CallContext): Promise<AdapterResult<TranscriptionResponse>> {
    return this.transcribe(request, context);
  }

  override async generateImage(request: ImageGenerationRequest | ImageEditRequest, context: CallContext): Promise<AdapterResult<ImagesResponse>> {
    context.signal?.throwIfAborted();
    const count = request.n ?? 1;
    const data = Array.from({ length: count }, (_, index) =>
      request.response_format === "b64_json" ? { b64_json: MOCK_IMAGE_BASE64 } : { url: `https://mock.llm-serve.invalid/images/${stableHash(request.prompt)}-${index}.png`, revised_prompt: `[mock] ${request.prompt}` },
    );
    return { response: { created: Math.floor(this.now() / 1000), data }, usage: createUsage({ images: count }) };
  }

  override editImage(request: ImageEditRequest, context: CallContext): Promise<AdapterResult<ImagesResponse>> {
    return this.generateImage(request, context);
  }

  override async moderate(request: ModerationRequest, context: CallContext): Promise<AdapterResult<ModerationResponse>> {
    context.signal?.throwIfAborted();
    const texts = moderationTexts(request.input);
    const usage = { ...(await estimateTextUsage(texts)), estimated: false };
    return { response: { id: `modr-mock-${stableHash(texts.join("\n"))}`, model: request.model ?? "mock-moderation", results: texts.map(mockModeration) }, usage };
  }

  private identity<TObject extends string>(model: string, prefix: string, object: TObject): { id: string; object: TObject; created: number; model: string } {
    return { id: `${prefix}-mock-${stableHash(model)}`, object, created: Math.floor(this.now() / 1000), model };
  }
}
