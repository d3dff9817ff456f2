import { createUsage, type Usage } from "../spec/usage.js";
import { visitChatPromptTexts, type ChatPrompt } from "./chat-prompt-texts.js";
import { tokenIdCount, type PromptInput } from "./token-bound.js";
import { countTokensOfAll } from "./token-counter.js";

/** The generated output of a call, accumulated while streaming. */
export interface GeneratedOutput {
  text: string;
  reasoning?: string;
  toolCalls?: Array<{ name: string; arguments: string }>;
}

export async function estimateChatPromptTokens(request: ChatPrompt): Promise<number> {
  const texts: string[] = [];
  const overhead = visitChatPromptTexts(request, (text) => texts.push(text));
  return overhead + (await countTokensOfAll(texts));
}

/** The tokenizer's count of a completions/embeddings/moderations prompt; token-id arrays count their length. */
export async function estimatePromptTokens(input: PromptInput): Promise<number> {
  return (await countTokensOfAll(promptTexts(input))) + tokenIdCount(input);
}

export async function estimateOutputTokens(output: GeneratedOutput): Promise<number> {
  const texts = [output.text, output.reasoning ?? ""];
  for (const call of output.toolCalls ?? []) texts.push(call.name, call.arguments);
  return countTokensOfAll(texts);
}

/** Usage for a chat call whose vendor reported none: counted with the tokenizer, marked estimated. */
export async function estimateChatUsage(request: ChatPrompt, output: GeneratedOutput): Promise<Usage> {
  const [promptTokens, completionTokens, reasoningTokens] = await Promise.all([
    estimateChatPromptTokens(request),
    estimateOutputTokens(output),
    countTokensOfAll([output.reasoning ?? ""]),
  ]);
  return createUsage({ promptTokens, completionTokens, reasoningTokens, estimated: true });
}

/** Usage for a plain text-in/text-out call (legacy completions, embeddings, moderation). */
export async function estimateTextUsage(inputs: readonly string[], outputs: readonly string[] = []): Promise<Usage> {
  const [promptTokens, completionTokens] = await Promise.all([countTokensOfAll(inputs), countTokensOfAll(outputs)]);
  return createUsage({ promptTokens, completionTokens, estimated: true });
}

/** Flattens the `prompt`/`input` shapes of completions and embeddings into strings. */
export function promptTexts(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (Array.isArray(input)) return input.flatMap((item) => (typeof item === "string" ? [item] : []));
  return [];
}
