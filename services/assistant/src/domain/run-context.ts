import type { ChatMessage, ChatRequest } from "../ports/model-caller.js";
import type { PromptTokenCounter } from "../ports/prompt-tokens.js";
import type { MessageObject, RunObject, RunStepObject } from "./objects.js";

/** OpenAI's documented priming of the reply, counted once a prompt. */
const REPLY_PRIMING_TOKENS = 3;

/** What the run has used so far (its usage sums every model call's). */
function used(run: RunObject): { prompt: number; completion: number } {
  return { prompt: run.usage?.prompt_tokens ?? 0, completion: run.usage?.completion_tokens ?? 0 };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * The thread's messages within the run's truncation strategy: `last_messages` keeps the newest n;
 * `auto`, as OpenAI defines it, drops messages from the middle of the thread (the first one, which
 * usually states the task, and the newest stay) while their tokens (`tokens[i]` is `chat[i]`'s)
 * exceed `budget` (all are kept when there is no budget). `tokens` of the answer: what is kept
 * costs, when the counts were given.
 */
export function truncatedMessages(run: RunObject, chat: readonly ChatMessage[], tokens: readonly number[] | null, budget: number | null): { messages: ChatMessage[]; tokens: number | null } {
  const sized = chat.map((message, index) => ({ message, tokens: tokens?.[index] ?? 0 }));
  const strategy = run.truncation_strategy;
  const kept = strategy.type === "last_messages" && strategy.last_messages !== null ? sized.slice(-strategy.last_messages) : sized;
  let total = sum(kept.map((entry) => entry.tokens));
  if (strategy.type === "auto" && budget !== null && tokens !== null) {
    while (kept.length > 2 && total > budget) total -= kept.splice(1, 1)[0]?.tokens ?? 0;
    if (kept.length === 2 && total > budget) total -= kept.shift()?.tokens ?? 0;
  }
  return { messages: kept.map((entry) => entry.message), tokens: tokens === null ? null : total };
}

/** The tool calls this run has made and their outputs, replayed after the thread's messages. */
function toolRounds(steps: readonly RunStepObject[]): ChatMessage[] {
  const rounds: ChatMessage[] = [];
  for (const step of steps) {
    if (step.step_details.type !== "tool_calls" || step.status !== "completed") continue;
    const calls = step.step_details.tool_calls;
    rounds.push({ role: "assistant", content: null, tool_calls: calls.map((call) => ({ id: call.id, type: "function", function: { name: call.function.name, arguments: call.function.arguments } })) });
    for (const call of calls) rounds.push({ role: "tool", tool_call_id: call.id, content: call.function.output ?? "" });
  }
  return rounds;
}

/** Why a run cannot make its next model call within its token limits (OpenAI's `incomplete_details.reason`). */
export type RunLimit = "max_prompt_tokens" | "max_completion_tokens";

/**
 * The chat completion a run's next model call asks for, within what is left of the run's limits:
 * max_prompt_tokens and max_completion_tokens count over the whole run, every call included. `limit`
 * says which one leaves no room for the call (the run then ends `incomplete` without making it). The
 * prompt is counted with the platform's tokenizer only when the run has a max_prompt_tokens.
 */
export async function runChatRequest(run: RunObject, messages: readonly MessageObject[], steps: readonly RunStepObject[], counter: PromptTokenCounter): Promise<{ request: ChatRequest; limit: RunLimit | null }> {
  const functions = run.tools.flatMap((tool) => (tool.type === "function" ? [{ type: "function" as const, function: { ...tool.function } }] : []));
  const system: ChatMessage[] = run.instructions ? [{ role: "system", content: run.instructions }] : [];
  const chat: ChatMessage[] = messages.map((message) => ({ role: message.role, content: message.content.map((part) => part.text.value).join("\n") }));
  const rounds = toolRounds(steps);
  const spent = used(run);
  let kept: ChatMessage[];
  let overPrompt = false;
  if (run.max_prompt_tokens === null) {
    kept = truncatedMessages(run, chat, null, null).messages;
  } else {
    const counts = await counter.perMessage([...system, ...rounds, ...chat]);
    const fixed = REPLY_PRIMING_TOKENS + sum(counts.slice(0, system.length + rounds.length));
    const truncated = truncatedMessages(run, chat, counts.slice(system.length + rounds.length), run.max_prompt_tokens - spent.prompt - fixed);
    kept = truncated.messages;
    overPrompt = spent.prompt + fixed + (truncated.tokens ?? 0) > run.max_prompt_tokens;
  }
  const prompt = [...system, ...kept, ...rounds];
  const completionLeft = run.max_completion_tokens === null ? null : run.max_completion_tokens - spent.completion;
  const limit: RunLimit | null = overPrompt ? "max_prompt_tokens" : completionLeft !== null && completionLeft <= 0 ? "max_completion_tokens" : null;
  const toolChoice = run.tool_choice;
  const request: ChatRequest = {
    model: run.model,
    messages: prompt,
    ...(functions.length > 0 ? { tools: functions, parallel_tool_calls: run.parallel_tool_calls } : {}),
    ...(functions.length > 0 && toolChoice !== undefined && toolChoice !== null && toolChoice !== "auto" ? { tool_choice: toolChoice } : {}),
    ...(run.temperature === null ? {} : { temperature: run.temperature }),
    ...(run.top_p === null ? {} : { top_p: run.top_p }),
    ...(completionLeft === null ? {} : { max_tokens: Math.max(1, completionLeft) }),
  };
  return { request, limit };
}
