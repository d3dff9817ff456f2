import type { FinishReason } from "./finish-reason.js";
import type { OpenAIUsage } from "./usage.js";

/** Canonical non-chat types: OpenAI's shapes for completions, embeddings, audio, images, moderation. */

export interface CompletionRequest {
  model: string;
  prompt: string | string[] | number[] | number[][];
  max_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  stop?: string | string[] | null;
  suffix?: string | null;
  echo?: boolean | null;
  logprobs?: number | null;
  user?: string;
  [extraField: string]: unknown;
}

export interface CompletionChoice {
  text: string;
  index: number;
  logprobs: unknown | null;
  finish_reason: FinishReason | null;
}

/** Used both for the whole response and for each streamed chunk (OpenAI reuses the shape). */
export interface Completion {
  id: string;
  object: "text_completion";
  created: number;
  model: string;
  choices: CompletionChoice[];
  usage?: OpenAIUsage;
  system_fingerprint?: string | null;
}

export interface EmbeddingRequest {
  model: string;
  input: string | string[] | number[] | number[][];
  encoding_format?: "float" | "base64";
  dimensions?: number;
  user?: string;
}

export interface Embedding {
  object: "embedding";
  index: number;
  /** number[] for `float`, a base64 little-endian float32 string for `base64`. */
  embedding: number[] | string;
}

export interface EmbeddingResponse {
  object: "list";
  data: Embedding[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** A file travelling in a multipart request (audio, image edits). */
export interface FileInput {
  data: Uint8Array;
  filename: string;
  contentType?: string;
}

export type AudioResponseFormat = "json" | "text" | "srt" | "verbose_json" | "vtt" | "diarized_json";

export interface TranscriptionRequest {
  file: FileInput;
  model: string;
  language?: string;
  prompt?: string;
  response_format?: AudioResponseFormat;
  temperature?: number;
  timestamp_granularities?: Array<"word" | "segment">;
  include?: string[];
  chunking_strategy?: "auto" | Record<string, unknown>;
}

export interface TranslationRequest {
  file: FileInput;
  model: string;
  prompt?: string;
  response_format?: Exclude<AudioResponseFormat, "diarized_json">;
  temperature?: number;
}

export type AudioUsage =
  | { type: "duration"; seconds: number }
  | {
      type: "tokens";
      input_tokens: number;
      output_tokens: number;
      total_tokens: number;
      input_token_details?: { text_tokens?: number; audio_tokens?: number };
    };

/** `json`/`verbose_json` answers; `text`, `srt` and `vtt` answers are plain strings. */
export interface TranscriptionJson {
  text: string;
  task?: string;
  language?: string;
  duration?: number;
  segments?: unknown[];
  words?: unknown[];
  usage?: AudioUsage;
  [extraField: string]: unknown;
}

export type TranscriptionResponse = TranscriptionJson | string;

export type TranscriptionStreamEvent =
  | { type: "transcript.text.delta"; delta: string; logprobs?: unknown; segment_id?: string }
  | { type: "transcript.text.done"; text: string; logprobs?: unknown; usage?: AudioUsage }
  | { type: "transcript.text.segment"; id: string; start: number; end: number; text: string; speaker: string };

export interface ImageGenerationRequest {
  prompt: string;
  model?: string;
  n?: number | null;
  size?: string | null;
  quality?: string | null;
  response_format?: "url" | "b64_json" | null;
  style?: string | null;
  user?: string;
  [extraField: string]: unknown;
}

export interface ImageEditRequest {
  image: FileInput | FileInput[];
  prompt: string;
  mask?: FileInput;
  model?: string;
  n?: number | null;
  size?: string | null;
  response_format?: "url" | "b64_json" | null;
  user?: string;
  /** Other scalar form fields (quality, background, output_format, ...). */
  [extraField: string]: unknown;
}

export interface ImageData {
  url?: string;
  b64_json?: string;
  revised_prompt?: string;
}

export interface ImagesResponse {
  created: number;
  data: ImageData[];
  usage?: {
    total_tokens: number;
    input_tokens: number;
    output_tokens: number;
    input_tokens_details?: { text_tokens?: number; image_tokens?: number };
  };
  [extraField: string]: unknown;
}

export type ModerationInput =
  | string
  | string[]
  | Array<{ type: "text"; text: string } | { type: "image_url"; image_url: { url: string } }>;

export interface ModerationRequest {
  input: ModerationInput;
  model?: string;
}

export interface ModerationResult {
  flagged: boolean;
  categories: Record<string, boolean>;
  category_scores: Record<string, number>;
  category_applied_input_types?: Record<string, string[]>;
}

export interface ModerationResponse {
  id: string;
  model: string;
  results: ModerationResult[];
}
