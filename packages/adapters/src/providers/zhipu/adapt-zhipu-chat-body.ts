import type { ChatCompletionRequest } from "../../spec/chat-types.js";

/** Parameters GLM-4 rejects or ignores (providers.md §3.2, partly unverified): not sent. `seed` is passed (the SDK sends it). */
const UNSUPPORTED_FIELDS = ["n", "logprobs", "top_logprobs", "logit_bias", "presence_penalty", "frequency_penalty", "parallel_tool_calls", "stream_options", "max_completion_tokens", "user"];

/**
 * OpenAI body -> GLM-4 body: `user` -> `user_id`, `max_completion_tokens` -> `max_tokens`,
 * temperature/top_p clamped into the open interval (0, 1) as the official SDK does (temperature 0
 * becomes greedy `do_sample: false`), `tool_choice` forced to the only value Zhipu knows ("auto"),
 * stop as an array, and image data URLs reduced to bare base64 as the SDK sends them.
 */
export function adaptZhipuChatBody(body: Record<string, unknown>, request: ChatCompletionRequest): Record<string, unknown> {
  const adapted: Record<string, unknown> = { ...body };
  for (const field of UNSUPPORTED_FIELDS) delete adapted[field];
  if (request.user !== undefined) adapted.user_id = request.user;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === "number") adapted.max_tokens = maxTokens;
  if (typeof request.temperature === "number") {
    if (request.temperature <= 0) {
      adapted.temperature = 0.01;
      adapted.do_sample = false;
    } else adapted.temperature = Math.min(0.99, request.temperature);
  }
  if (typeof request.top_p === "number") adapted.top_p = Math.min(0.99, Math.max(0.01, request.top_p));
  if (typeof request.stop === "string") adapted.stop = [request.stop];
  if (request.tools !== undefined && request.tools.length > 0 && request.tool_choice !== undefined) adapted.tool_choice = "auto";
  adapted.messages = request.messages.map(stripImageDataUrls);
  return adapted;
}

function stripImageDataUrls<T extends { content?: unknown }>(message: T): T {
  if (!Array.isArray(message.content)) return message;
  const content = message.content.map((part: { type?: string; image_url?: { url: string } }) => {
    if (part.type !== "image_url" || part.image_url === undefined) return part;
    const base64 = /^data:[^;,]+;base64,(.*)$/s.exec(part.image_url.url)?.[1];
    return base64 === undefined ? part : { ...part, image_url: { ...part.image_url, url: base64 } };
  });
  return { ...message, content };
}
