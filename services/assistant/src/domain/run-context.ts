import type { ChatMessage, ChatRequest } from "../ports/model-caller.js";
import type { MessageObject, RunObject, RunStepObject } from "./objects.js";

/** A rough token count (4 characters a token), enough to keep a prompt under max_prompt_tokens. */
function roughTokens(message: ChatMessage): number {
  return Math.ceil(((message.content ?? "").length + JSON.stringify(message.tool_calls ?? []).length) / 4) + 4;
}

/** What the run has used so far (its usage sums every model call's). */
function used(run: RunObject): { prompt: number; completion: number } {
  return { prompt: run.usage?.prompt_tokens ?? 0, completion: run.usage?.completion_tokens ?? 0 };
}

/**
 * The thread's messages within the run's truncation strategy: `last_messages` keeps the newest n;
 * `auto`, as OpenAI defines it, drops messages from the middle of the thread (the first one, which
 * usually states the task, and the newest stay) while the prompt exceeds `budget` tokens (all are
 * kept when there is no budget).
 */
export function truncatedMessages(run: RunObject, messages: readonly MessageObject[], budget: number | null = run.max_prompt_tokens): ChatMessage[] {
  const chat: ChatMessage[] = messages.map((message) => ({ role: message.role, content: message.content.map((part) => part.text.value).join("\n") }));
  const strategy = run.truncation_strategy;
  if (strategy.type === "last_messages" && strategy.last_messages !== null) return chat.slice(-strategy.last_messages);
  if (budget === null) return chat;
  let total = chat.reduce((sum, message) => sum + roughTokens(message), roughTokens({ role: "system", content: run.instructions }));
  while (chat.length > 2 && total > budget) total -= roughTokens(chat.splice(1, 1)[0] as ChatMessage);
  if (chat.length === 2 && total > budget) total -= roughTokens(chat.shift() as ChatMessage);
  return chat;
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
 * says which one leaves no room for the call (the run then ends `incomplete` without making it).
 */
export function runChatRequest(run: RunObject, messages: readonly MessageObject[], steps: readonly RunStepObject[]): { request: ChatRequest; limit: RunLimit | null } {
  const functions = run.tools.flatMap((tool) => (tool.type === "function" ? [{ type: "function" as const, function: { ...tool.function } }] : []));
  const system: ChatMessage[] = run.instructions ? [{ role: "system", content: run.instructions }] : [];
  const rounds = toolRounds(steps);
  const spent = used(run);
  const roundTokens = rounds.reduce((sum, message) => sum + roughTokens(message), 0);
  const promptBudget = run.max_prompt_tokens === null ? null : run.max_prompt_tokens - spent.prompt - roundTokens;
  const kept = truncatedMessages(run, messages, promptBudget);
  const prompt = [...system, ...kept, ...rounds];
  const completionLeft = run.max_completion_tokens === null ? null : run.max_completion_tokens - spent.completion;
  const promptTokens = prompt.reduce((sum, message) => sum + roughTokens(message), 0);
  const limit: RunLimit | null =
    run.max_prompt_tokens !== null && spent.prompt + promptTokens > run.max_prompt_tokens ? "max_prompt_tokens" : completionLeft !== null && completionLeft <= 0 ? "max_completion_tokens" : null;
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
