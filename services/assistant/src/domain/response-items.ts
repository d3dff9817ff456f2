import type { ChatAnswer, ChatMessage } from "../ports/model-caller.js";
import { newId } from "./ids.js";

/** The Responses API's items, as far as this service keeps them (messages, function calls and their outputs). */
export type ContentPart = { type: "input_text" | "output_text"; text: string; annotations?: unknown[]; logprobs?: unknown[] };

export type ResponseItem =
  | { type: "message"; id: string; role: "user" | "assistant" | "system" | "developer"; status: "completed" | "incomplete"; content: ContentPart[] }
  | { type: "function_call"; id: string; call_id: string; name: string; arguments: string; status: "completed" }
  | { type: "function_call_output"; id: string; call_id: string; output: string; status: "completed" };

/** An input as sent (a string, or items with or without ids and types) → items with ids. */
export function inputItems(input: unknown): ResponseItem[] {
  if (typeof input === "string") return [{ type: "message", id: newId("msg"), role: "user", status: "completed", content: [{ type: "input_text", text: input }] }];
  if (!Array.isArray(input)) return [];
  return input.map((raw) => toItem(raw as Record<string, unknown>));
}

function toItem(raw: Record<string, unknown>): ResponseItem {
  const type = raw.type ?? "message";
  if (type === "function_call") {
    return { type, id: typeof raw.id === "string" ? raw.id : newId("fc"), call_id: String(raw.call_id ?? ""), name: String(raw.name ?? ""), arguments: String(raw.arguments ?? ""), status: "completed" };
  }
  if (type === "function_call_output") {
    return { type, id: typeof raw.id === "string" ? raw.id : newId("fco"), call_id: String(raw.call_id ?? ""), output: typeof raw.output === "string" ? raw.output : JSON.stringify(raw.output), status: "completed" };
  }
  const role = (["user", "assistant", "system", "developer"].includes(String(raw.role)) ? raw.role : "user") as "user" | "assistant" | "system" | "developer";
  const content = typeof raw.content === "string" ? [role === "assistant" ? { type: "output_text" as const, text: raw.content, annotations: [], logprobs: [] } : { type: "input_text" as const, text: raw.content }] : ((raw.content ?? []) as ContentPart[]).map((part) => (part.type === "output_text" ? { type: part.type, text: String(part.text ?? ""), annotations: [], logprobs: [] } : { type: part.type, text: String(part.text ?? "") }));
  return { type: "message", id: typeof raw.id === "string" ? raw.id : newId("msg"), role, status: "completed", content };
}

/** Items → chat messages: consecutive function calls become one assistant turn, outputs tool messages. */
export function chatMessages(items: readonly ResponseItem[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const item of items) {
    if (item.type === "message") {
      messages.push({ role: item.role === "developer" ? "system" : item.role, content: item.content.map((part) => part.text).join("\n") });
    } else if (item.type === "function_call") {
      const call = { id: item.call_id, type: "function" as const, function: { name: item.name, arguments: item.arguments } };
      const last = messages.at(-1);
      if (last?.role === "assistant" && last.tool_calls) last.tool_calls.push(call);
      else messages.push({ role: "assistant", content: null, tool_calls: [call] });
    } else {
      messages.push({ role: "tool", tool_call_id: item.call_id, content: item.output });
    }
  }
  return messages;
}

/** The model's answer as output items: its function calls, or its message. */
export function outputItems(answer: ChatAnswer): ResponseItem[] {
  const message = answer.choices[0]?.message;
  const calls = message?.tool_calls ?? [];
  if (calls.length > 0) return calls.map((call) => ({ type: "function_call", id: newId("fc"), call_id: call.id, name: call.function.name, arguments: call.function.arguments, status: "completed" }));
  return [{ type: "message", id: newId("msg"), role: "assistant", status: "completed", content: [{ type: "output_text", text: message?.content ?? "", annotations: [], logprobs: [] }] }];
}
