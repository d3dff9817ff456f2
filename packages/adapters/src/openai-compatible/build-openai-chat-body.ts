import type { ChatCompletionRequest } from "../spec/chat-types.js";

export interface ChatBodyOptions {
  stream: boolean;
  /** Add `stream_options.include_usage: true` to streaming calls. */
  streamUsageOption: boolean;
}

/**
 * The canonical request is already OpenAI-shaped: unknown fields pass through untouched. Only the
 * streaming fields are ours to set, because the gateway decides streaming per method, not per body.
 */
export function buildOpenAIChatBody(request: ChatCompletionRequest, options: ChatBodyOptions): Record<string, unknown> {
  const { stream: _ignoredStream, stream_options: streamOptions, ...rest } = request;
  if (!options.stream) return rest;
  const body: Record<string, unknown> = { ...rest, stream: true };
  if (options.streamUsageOption) body.stream_options = { ...(streamOptions ?? {}), include_usage: true };
  else if (streamOptions !== undefined && streamOptions !== null) body.stream_options = streamOptions;
  return body;
}
