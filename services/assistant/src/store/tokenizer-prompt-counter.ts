import { countTokensOfAll } from "@llm-serve/adapters";
import type { ChatMessage } from "../ports/model-caller.js";
import type { PromptTokenCounter } from "../ports/prompt-tokens.js";

/** OpenAI's documented chat overhead: about 3 tokens per message (the reply's priming is the caller's). */
const TOKENS_PER_MESSAGE = 3;

/**
 * The gateway's tokenizer (o200k_base, counted in slices that never hold the event loop long): exact
 * for OpenAI's current models, an approximation for other vendors', as the gateway's own estimates.
 */
export class TokenizerPromptCounter implements PromptTokenCounter {
  perMessage(messages: readonly ChatMessage[]): Promise<number[]> {
    return Promise.all(messages.map(async (message) => TOKENS_PER_MESSAGE + (await countTokensOfAll(messageTexts(message)))));
  }
}

function messageTexts(message: ChatMessage): string[] {
  const texts = [message.role, message.content ?? ""];
  for (const call of message.tool_calls ?? []) texts.push(call.function.name, call.function.arguments);
  if (message.tool_call_id !== undefined) texts.push(message.tool_call_id);
  return texts;
}
