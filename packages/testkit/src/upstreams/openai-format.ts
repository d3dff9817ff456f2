import { replyText, replyUsage, splitFixed, splitIntoPieces, type MockChatReply, type MockUsage } from "./mock-reply.js";

/** OpenAI wire builders shared by the OpenAI, Azure and OpenAI-compatible mocks. */

export interface OpenAIErrorSpec {
  status: number;
  type?: string;
  code?: string | null;
  message?: string;
  param?: string | null;
  /** Sent as `retry-after` (429 defaults to 2). */
  retryAfterSeconds?: number;
  /** Replaces the whole body. */
  body?: unknown;
  headers?: Record<string, string>;
}

const DEFAULT_ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Invalid request: bad parameter." },
  401: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided: sk-***." },
  403: { type: "invalid_request_error", code: "unsupported_country_region_territory", message: "Country, region, or territory not supported" },
  404: { type: "invalid_request_error", code: "model_not_found", message: "The model `gpt-x` does not exist or you do not have access to it." },
  429: { type: "tokens", code: "rate_limit_exceeded", message: "Rate limit reached for gpt-4o-mini on tokens per min (TPM). Please try again in 1.5s." },
  500: { type: "server_error", code: null, message: "The server had an error while processing your request. Sorry about that!" },
  503: { type: "server_error", code: null, message: "The engine is currently overloaded, please try again later" },
};

export function openAIErrorBody(spec: OpenAIErrorSpec): unknown {
  if (spec.body !== undefined) return spec.body;
  const defaults = DEFAULT_ERRORS[spec.status] ?? DEFAULT_ERRORS[500]!;
  const type = spec.code === "insufficient_quota" ? "insufficient_quota" : (spec.type ?? defaults.type);
  const message =
    spec.message ??
    (spec.code === "insufficient_quota" ? "You exceeded your current quota, please check your plan and billing details." : defaults.message);
  return { error: { message, type, param: spec.param ?? null, code: spec.code === undefined ? defaults.code : spec.code } };
}

export function openAIErrorHeaders(spec: OpenAIErrorSpec): Record<string, string> {
  const headers: Record<string, string> = { ...spec.headers };
  const retryAfter = spec.retryAfterSeconds ?? (spec.status === 429 && spec.code !== "insufficient_quota" ? 2 : undefined);
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  return headers;
}

export function openAIUsage(usage: MockUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}

export function toolCallId(index: number): string {
  return `call_mock${index}`;
}

export function defaultFinishReason(reply: MockChatReply | undefined): string {
  return reply?.finishReason ?? (reply?.toolCalls?.length ? "tool_calls" : "stop");
}

export interface ChatIdentity {
  id: string;
  created: number;
  model: string;
}

export function chatCompletionBody(identity: ChatIdentity, reply: MockChatReply | undefined): Record<string, unknown> {
  const text = replyText(reply);
  const toolCalls = reply?.toolCalls?.map((call, index) => ({
    id: call.id ?? toolCallId(index),
    type: "function",
    function: { name: call.name, arguments: call.arguments },
  }));
  const usage = replyUsage(reply);
  return {
    id: identity.id,
    object: "chat.completion",
    created: identity.created,
    model: identity.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: toolCalls && text === "" ? null : text,
          refusal: null,
          ...(reply?.reasoning === undefined ? {} : { reasoning_content: reply.reasoning }),
          ...(toolCalls ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: defaultFinishReason(reply),
      },
    ],
    ...(usage === null ? {} : { usage: openAIUsage(usage) }),
    system_fingerprint: "fp_mock",
  };
}

export interface ChunkOptions {
  includeUsage: boolean;
  toolArgumentChunkSize?: number;
}

/** The chunk payloads (JSON objects) of a streamed chat completion, OpenAI style. */
export function chatChunkBodies(identity: ChatIdentity, reply: MockChatReply | undefined, options: ChunkOptions): Record<string, unknown>[] {
  const base = { id: identity.id, object: "chat.completion.chunk", created: identity.created, model: identity.model, system_fingerprint: "fp_mock" };
  const usageField = options.includeUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): Record<string, unknown> => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...usageField,
  });
  const chunks = [chunk({ role: "assistant", content: "", refusal: null })];
  if (reply?.reasoning) for (const piece of splitIntoPieces(reply.reasoning)) chunks.push(chunk({ reasoning_content: piece }));
  for (const piece of splitIntoPieces(replyText(reply))) chunks.push(chunk({ content: piece }));
  (reply?.toolCalls ?? []).forEach((call, index) => {
    chunks.push(chunk({ tool_calls: [{ index, id: call.id ?? toolCallId(index), type: "function", function: { name: call.name, arguments: "" } }] }));
    for (const fragment of splitFixed(call.arguments, options.toolArgumentChunkSize ?? 8)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
    }
  });
  chunks.push(chunk({}, defaultFinishReason(reply)));
  const usage = replyUsage(reply);
  if (options.includeUsage && usage !== null) chunks.push({ ...base, choices: [], usage: openAIUsage(usage) });
  return chunks;
}
