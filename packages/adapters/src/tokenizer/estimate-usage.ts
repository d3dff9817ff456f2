import type { ChatCompletionRequest, ChatMessage, ToolCall } from "../spec/chat-types.js";
import { createUsage, type Usage } from "../spec/usage.js";
import { countTokensOfAll } from "./token-counter.js";

/** OpenAI's documented chat overhead: ~3 tokens per message plus 3 to prime the reply. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

/** The generated output of a call, accumulated while streaming. */
export interface GeneratedOutput {
  text: string;
  reasoning?: string;
  toolCalls?: Array<{ name: string; arguments: string }>;
}

export async function estimateChatPromptTokens(request: Pick<ChatCompletionRequest, "messages" | "tools">): Promise<number> {
  const texts: string[] = [];
  let overhead = REPLY_PRIMING_TOKENS;
  for (const message of request.messages) {
    overhead += TOKENS_PER_MESSAGE;
    texts.push(message.role, ...messageTexts(message));
    if ("name" in message && typeof message.name === "string") {
      overhead += TOKENS_PER_NAME;
      texts.push(message.name);
    }
  }
  if (request.tools !== undefined && request.tools.length > 0) texts.push(JSON.stringify(request.tools));
  return overhead + (await countTokensOfAll(texts));
}

export async function estimateOutputTokens(output: GeneratedOutput): Promise<number> {
  const texts = [output.text, output.reasoning ?? ""];
  for (const call of output.toolCalls ?? []) texts.push(call.name, call.arguments);
  return countTokensOfAll(texts);
}

/** Usage for a chat call whose vendor reported none: counted with the tokenizer, marked estimated. */
export async function estimateChatUsage(request: Pick<ChatCompletionRequest, "messages" | "tools">, output: GeneratedOutput): Promise<Usage> {
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

function messageTexts(message: ChatMessage): string[] {
  const texts: string[] = [];
  const content = message.content;
  if (typeof content === "string") texts.push(content);
  else if (Array.isArray(content)) {
    for (const part of content) {
      if (part.type === "text") texts.push(part.text);
      else if (part.type === "refusal") texts.push(part.refusal);
    }
  }
  if (message.role === "assistant") texts.push(...toolCallTexts(message.tool_calls ?? []));
  return texts;
}

function toolCallTexts(toolCalls: ToolCall[]): string[] {
  return toolCalls.flatMap((call) => [call.function.name, call.function.arguments]);
}

/** Flattens the `prompt`/`input` shapes of completions and embeddings into strings. */
export function promptTexts(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (Array.isArray(input)) return input.flatMap((item) => (typeof item === "string" ? [item] : []));
  return [];
}
