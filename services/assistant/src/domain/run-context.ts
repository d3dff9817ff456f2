import type { ChatMessage, ChatRequest } from "../ports/model-caller.js";
import type { MessageObject, RunObject, RunStepObject } from "./objects.js";

/** A rough token count (4 characters a token), enough to keep a prompt under max_prompt_tokens. */
function roughTokens(message: ChatMessage): number {
  return Math.ceil(((message.content ?? "").length + JSON.stringify(message.tool_calls ?? []).length) / 4) + 4;
}

/**
 * The thread's messages within the run's truncation strategy: `last_messages` keeps the newest n;
 * `auto` drops the oldest while the prompt exceeds max_prompt_tokens (all of them when none is set).
 */
export function truncatedMessages(run: RunObject, messages: readonly MessageObject[]): ChatMessage[] {
  const chat: ChatMessage[] = messages.map((message) => ({ role: message.role, content: message.content.map((part) => part.text.value).join("\n") }));
  const strategy = run.truncation_strategy;
  if (strategy.type === "last_messages" && strategy.last_messages !== null) return chat.slice(-strategy.last_messages);
  if (run.max_prompt_tokens === null) return chat;
  let total = chat.reduce((sum, message) => sum + roughTokens(message), roughTokens({ role: "system", content: run.instructions }));
  while (chat.length > 1 && total > run.max_prompt_tokens) total -= roughTokens(chat.shift() as ChatMessage);
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

/** The chat completion a run's next model call asks for. */
export function runChatRequest(run: RunObject, messages: readonly MessageObject[], steps: readonly RunStepObject[]): ChatRequest {
  const functions = run.tools.flatMap((tool) => (tool.type === "function" ? [{ type: "function" as const, function: { ...tool.function } }] : []));
  const system: ChatMessage[] = run.instructions ? [{ role: "system", content: run.instructions }] : [];
  const toolChoice = run.tool_choice;
  return {
    model: run.model,
    messages: [...system, ...truncatedMessages(run, messages), ...toolRounds(steps)],
    ...(functions.length > 0 ? { tools: functions, parallel_tool_calls: run.parallel_tool_calls } : {}),
    ...(functions.length > 0 && toolChoice !== undefined && toolChoice !== null && toolChoice !== "auto" ? { tool_choice: toolChoice } : {}),
    ...(run.temperature === null ? {} : { temperature: run.temperature }),
    ...(run.top_p === null ? {} : { top_p: run.top_p }),
    ...(run.max_completion_tokens === null ? {} : { max_tokens: run.max_completion_tokens }),
  };
}
