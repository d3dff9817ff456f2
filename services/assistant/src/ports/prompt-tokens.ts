import type { ChatMessage } from "./model-caller.js";

/**
 * Counts the prompt tokens each chat message will cost, with the platform's tokenizer (the one the
 * gateway estimates usage with). Runs use it to keep a prompt within `max_prompt_tokens`: a guess of
 * four characters a token undercounts Chinese text about fourfold.
 */
export interface PromptTokenCounter {
  /** Each message's tokens, its per-message overhead included, in the order given. */
  perMessage(messages: readonly ChatMessage[]): Promise<number[]>;
}
