import type { FinishReason } from "./finish-reason.js";
import type { OpenAIUsage } from "./usage.js";

/** Canonical chat types: OpenAI's `/v1/chat/completions` shapes. */

export interface TextContentPart {
  type: "text";
  text: string;
}

export interface ImageUrlContentPart {
  type: "image_url";
  image_url: { url: string; detail?: "auto" | "low" | "high" };
}

export interface InputAudioContentPart {
  type: "input_audio";
  input_audio: { data: string; format: "wav" | "mp3" };
}

export interface FileContentPart {
  type: "file";
  file: { file_id?: string; filename?: string; file_data?: string };
}

export interface RefusalContentPart {
  type: "refusal";
  refusal: string;
}

export type UserContentPart =
  | TextContentPart
  | ImageUrlContentPart
  | InputAudioContentPart
  | FileContentPart;

export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface SystemMessage {
  role: "system";
  content: string | TextContentPart[];
  name?: string;
}

export interface DeveloperMessage {
  role: "developer";
  content: string | TextContentPart[];
  name?: string;
}

export interface UserMessage {
  role: "user";
  content: string | UserContentPart[];
  name?: string;
}

export interface AssistantMessage {
  role: "assistant";
  content?: string | Array<TextContentPart | RefusalContentPart> | null;
  name?: string;
  refusal?: string | null;
  tool_calls?: ToolCall[];
  /** Deprecated OpenAI single function call. */
  function_call?: { name: string; arguments: string } | null;
}

export interface ToolMessage {
  role: "tool";
  content: string | TextContentPart[];
  tool_call_id: string;
}

/** Deprecated OpenAI function-result message. */
export interface FunctionMessage {
  role: "function";
  content: string | null;
  name: string;
}

export type ChatMessage = SystemMessage | DeveloperMessage | UserMessage | AssistantMessage | ToolMessage | FunctionMessage;

export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  strict?: boolean | null;
}

export interface FunctionTool {
  type: "function";
  function: FunctionDefinition;
}

export type ToolChoice =
  | "none"
  | "auto"
  | "required"
  | { type: "function"; function: { name: string } };

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | {
      type: "json_schema";
      json_schema: { name: string; description?: string; schema?: Record<string, unknown>; strict?: boolean | null };
    };

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean; include_obfuscation?: boolean } | null;
  stop?: string | string[] | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  response_format?: ResponseFormat;
  tools?: FunctionTool[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean;
  user?: string;
  seed?: number | null;
  /** Any other OpenAI field (service_tier, metadata, reasoning_effort, ...) passes through. */
  [extraField: string]: unknown;
}

export interface ChatCompletionMessage {
  role: "assistant";
  content: string | null;
  refusal: string | null;
  tool_calls?: ToolCall[];
  /** Thinking text from reasoning models (DeepSeek, Qwen, GLM); not an OpenAI field. */
  reasoning_content?: string;
}

export interface ChatCompletionChoice {
  index: number;
  message: ChatCompletionMessage;
  logprobs: unknown | null;
  finish_reason: FinishReason;
}

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: OpenAIUsage;
  system_fingerprint?: string | null;
  service_tier?: string | null;
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: "function";
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionDelta {
  role?: "assistant";
  content?: string | null;
  refusal?: string | null;
  tool_calls?: ToolCallDelta[];
  reasoning_content?: string;
}

export interface ChatCompletionChunkChoice {
  index: number;
  delta: ChatCompletionDelta;
  logprobs?: unknown | null;
  finish_reason: FinishReason | null;
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: ChatCompletionChunkChoice[];
  system_fingerprint?: string | null;
  service_tier?: string | null;
}
