import { visitChatPromptTexts, type ChatPrompt } from "./chat-prompt-texts.js";

/**
 * Upper bounds of prompt tokens without a tokenizer, for sizing quota reservations on the request
 * path. Every token of a byte-level BPE (o200k_base, cl100k_base) decodes to at least one byte, so a
 * text never has more tokens than UTF-8 bytes. The chat bound adds the same per-message, name and
 * priming overhead as `estimateChatPromptTokens`, so it is never below that estimate.
 */

/** What `prompt` (completions) or `input` (embeddings, moderations as texts) may hold. */
export type PromptInput = string | readonly (string | number | readonly number[])[];

/** Prompt tokens of a chat request are at most this many. */
export function chatPromptTokenBound(request: ChatPrompt): number {
  let bytes = 0;
  const overhead = visitChatPromptTexts(request, (text) => {
    bytes += Buffer.byteLength(text, "utf8");
  });
  return overhead + bytes;
}

/** Prompt tokens of texts or token-id arrays are at most this many (token ids count one each). */
export function textTokenBound(input: PromptInput): number {
  if (typeof input === "string") return Buffer.byteLength(input, "utf8");
  let bound = 0;
  for (const item of input) {
    if (typeof item === "string") bound += Buffer.byteLength(item, "utf8");
    else if (typeof item === "number") bound += 1;
    else bound += item.length;
  }
  return bound;
}

/** The tokens a prompt already gives as ids (`number[]` or `number[][]`): their count is exact. */
export function tokenIdCount(input: PromptInput): number {
  if (typeof input === "string") return 0;
  let count = 0;
  for (const item of input) {
    if (typeof item === "number") count += 1;
    else if (typeof item !== "string") count += item.length;
  }
  return count;
}
