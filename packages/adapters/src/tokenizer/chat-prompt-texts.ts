import type { ChatCompletionRequest, ChatMessage } from "../spec/chat-types.js";
import { audioTokenBound, fileTokenBound, imageTokenBound } from "./media-token-bound.js";

/** OpenAI's documented chat overhead: ~3 tokens per message plus 3 to prime the reply. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

export type ChatPrompt = Pick<ChatCompletionRequest, "messages" | "tools">;

/**
 * Walks the texts of a chat prompt that count as prompt tokens and returns the fixed overhead in
 * tokens: the per-message overhead plus an upper bound of every image, audio clip and file
 * (`media-token-bound.ts`), which no tokenizer can count. The tokenizer's estimate and the tokenizer-free bound both walk prompts through here, so
 * they always see the same texts and the same overhead.
 */
export function visitChatPromptTexts(request: ChatPrompt, visit: (text: string) => void): number {
  let overhead = REPLY_PRIMING_TOKENS;
  for (const message of request.messages) {
    overhead += TOKENS_PER_MESSAGE;
    visit(message.role);
    overhead += visitMessageTexts(message, visit);
    if ("name" in message && typeof message.name === "string") {
      overhead += TOKENS_PER_NAME;
      visit(message.name);
    }
  }
  if (request.tools !== undefined && request.tools.length > 0) visit(JSON.stringify(request.tools));
  return overhead;
}

/** Visits a message's texts; returns the tokens bounded for its non-text parts. */
function visitMessageTexts(message: ChatMessage, visit: (text: string) => void): number {
  const content = message.content;
  let media = 0;
  if (typeof content === "string") visit(content);
  else if (Array.isArray(content)) {
    for (const part of content) {
      if (part.type === "text") visit(part.text);
      else if (part.type === "refusal") visit(part.refusal);
      else if (part.type === "image_url") media += imageTokenBound(part);
      else if (part.type === "input_audio") media += audioTokenBound(part);
      else if (part.type === "file") media += fileTokenBound(part);
    }
  }
  if (message.role !== "assistant") return media;
  for (const call of message.tool_calls ?? []) {
    visit(call.function.name);
    visit(call.function.arguments);
  }
  return media;
}
