import type { Usage } from "./usage.js";

/**
 * One item of a canonical stream. Chunks are OpenAI-shaped and never carry usage; the stream ends
 * with exactly one `usage` part (estimated with a tokenizer when the vendor sent none), so the
 * gateway can bill every stream and emit an OpenAI `include_usage` chunk when the client asked.
 */
export type StreamPart<TChunk> = { type: "chunk"; chunk: TChunk } | { type: "usage"; usage: Usage };

/** What every non-streaming call returns: the OpenAI-shaped response plus normalised usage. */
export interface AdapterResult<TResponse> {
  response: TResponse;
  usage: Usage;
}
