import type { ChatMessage } from "../../spec/chat-types.js";

export interface BaiduMessage {
  role: "user" | "assistant" | "function";
  content: string;
  name?: string;
  function_call?: { name: string; arguments: string };
}

export interface BaiduPrompt {
  system: string | undefined;
  messages: BaiduMessage[];
}

/**
 * OpenAI messages -> Wenxin v1, which enforces an odd-length list that alternates user/assistant,
 * starts with user and has no system role: system/developer go to the `system` field, tool results
 * become `function` messages, consecutive same-role messages are merged and leading assistant
 * messages dropped. Only one function call per assistant turn exists in v1: the first is kept.
 */
export function convertToBaiduMessages(messages: ChatMessage[]): BaiduPrompt {
  const system: string[] = [];
  const converted: BaiduMessage[] = [];
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    if (message.role === "system" || message.role === "developer") {
      system.push(textOf(message.content));
      continue;
    }
    const next = convertMessage(message, toolNames);
    if (next === undefined) continue;
    const previous = converted[converted.length - 1];
    if (previous !== undefined && previous.role === next.role && next.role !== "function" && previous.function_call === undefined && next.function_call === undefined) {
      previous.content = `${previous.content}\n${next.content}`;
    } else converted.push(next);
  }
  while (converted[0]?.role === "assistant") converted.shift();
  return { system: system.length > 0 ? system.join("\n\n") : undefined, messages: converted };
}

function convertMessage(message: Exclude<ChatMessage, { role: "system" | "developer" }>, toolNames: Map<string, string>): BaiduMessage | undefined {
  switch (message.role) {
    case "user":
      return { role: "user", content: textOf(message.content) };
    case "assistant": {
      const call = message.tool_calls?.[0]?.function ?? message.function_call ?? undefined;
      for (const toolCall of message.tool_calls ?? []) toolNames.set(toolCall.id, toolCall.function.name);
      const content = typeof message.content === "string" ? message.content : (message.content ?? []).map((part) => (part.type === "text" ? part.text : part.refusal)).join("");
      return call ? { role: "assistant", content, function_call: { name: call.name, arguments: call.arguments } } : { role: "assistant", content };
    }
    case "tool":
      return { role: "function", name: toolNames.get(message.tool_call_id) ?? message.tool_call_id, content: textOf(message.content) };
    case "function":
      return { role: "function", name: message.name, content: message.content ?? "" };
  }
}

function textOf(content: string | Array<{ type: string; text?: string }>): string {
  return typeof content === "string" ? content : content.map((part) => (part.type === "text" ? (part.text ?? "") : "")).join("");
}
