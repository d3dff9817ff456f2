import type { AssistantMessage, ChatMessage, UserContentPart } from "../../spec/chat-types.js";
import type { AnthropicContentBlock, AnthropicMessage } from "./anthropic-types.js";

export interface AnthropicPrompt {
  system: string | undefined;
  messages: AnthropicMessage[];
}

/**
 * OpenAI messages -> Anthropic: system/developer messages become the top-level `system`; tool
 * results become `tool_result` blocks in a user turn; assistant tool calls become `tool_use` blocks
 * (arguments parsed back into an object); consecutive same-role turns are merged because Anthropic
 * wants user/assistant alternation.
 */
export function convertToAnthropicMessages(messages: ChatMessage[]): AnthropicPrompt {
  const systemParts: string[] = [];
  const converted: AnthropicMessage[] = [];
  for (const message of messages) {
    if (message.role === "system" || message.role === "developer") {
      systemParts.push(textOf(message.content));
      continue;
    }
    const turn = convertMessage(message);
    const previous = converted[converted.length - 1];
    if (previous !== undefined && previous.role === turn.role) previous.content = [...asBlocks(previous.content), ...asBlocks(turn.content)];
    else converted.push(turn);
  }
  return { system: systemParts.length > 0 ? systemParts.join("\n\n") : undefined, messages: converted };
}

function convertMessage(message: Exclude<ChatMessage, { role: "system" | "developer" }>): AnthropicMessage {
  switch (message.role) {
    case "user":
      return { role: "user", content: typeof message.content === "string" ? message.content : message.content.map(convertUserPart) };
    case "assistant":
      return { role: "assistant", content: convertAssistant(message) };
    case "tool":
      return { role: "user", content: [{ type: "tool_result", tool_use_id: message.tool_call_id, content: textOf(message.content) }] };
    case "function":
      // Deprecated OpenAI function results carry no call id; the function name is the best link.
      return { role: "user", content: [{ type: "tool_result", tool_use_id: message.name, content: message.content ?? "" }] };
  }
}

function convertAssistant(message: AssistantMessage): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = [];
  const text = message.content === null || message.content === undefined ? "" : typeof message.content === "string" ? message.content : message.content.map((part) => (part.type === "text" ? part.text : part.refusal)).join("");
  if (text !== "") blocks.push({ type: "text", text });
  for (const call of message.tool_calls ?? []) {
    blocks.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseArguments(call.function.arguments) });
  }
  return blocks;
}

function convertUserPart(part: UserContentPart): AnthropicContentBlock {
  if (part.type === "text") return { type: "text", text: part.text };
  if (part.type === "image_url") return convertImage(part.image_url.url);
  // Anthropic has no audio input; files by id are OpenAI-specific. Keep the turn, say what was dropped.
  return { type: "text", text: `[unsupported ${part.type} content omitted]` };
}

export function convertImage(url: string): AnthropicContentBlock {
  const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (dataUrl?.[1] !== undefined && dataUrl[2] !== undefined) return { type: "image", source: { type: "base64", media_type: dataUrl[1], data: dataUrl[2] } };
  return { type: "image", source: { type: "url", url } };
}

function parseArguments(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { _raw: text };
  }
}

function asBlocks(content: string | AnthropicContentBlock[]): AnthropicContentBlock[] {
  return typeof content === "string" ? [{ type: "text", text: content }] : content;
}

function textOf(content: string | Array<{ type: "text"; text: string }>): string {
  return typeof content === "string" ? content : content.map((part) => part.text).join("");
}
