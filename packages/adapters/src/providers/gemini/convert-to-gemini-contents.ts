import type { AssistantMessage, ChatMessage, UserContentPart } from "../../spec/chat-types.js";
import type { GeminiContent, GeminiPart } from "./gemini-types.js";

export interface GeminiPrompt {
  systemInstruction: { parts: Array<{ text: string }> } | undefined;
  contents: GeminiContent[];
}

/**
 * OpenAI messages -> Gemini contents. system/developer -> systemInstruction; assistant -> role
 * "model" with text and functionCall parts; tool results -> functionResponse parts in a user turn.
 * Gemini function calls carry no id, so a tool result is linked back to its call's name through
 * the assistant message that issued the call.
 */
export function convertToGeminiContents(messages: ChatMessage[]): GeminiPrompt {
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    if (message.role === "system" || message.role === "developer") {
      system.push(typeof message.content === "string" ? message.content : message.content.map((part) => part.text).join(""));
      continue;
    }
    const content = convertMessage(message, toolNames);
    const previous = contents[contents.length - 1];
    if (previous !== undefined && previous.role === content.role) previous.parts.push(...content.parts);
    else contents.push(content);
  }
  return { systemInstruction: system.length > 0 ? { parts: [{ text: system.join("\n\n") }] } : undefined, contents };
}

function convertMessage(message: Exclude<ChatMessage, { role: "system" | "developer" }>, toolNames: Map<string, string>): GeminiContent {
  switch (message.role) {
    case "user":
      return { role: "user", parts: typeof message.content === "string" ? [{ text: message.content }] : message.content.map(convertUserPart) };
    case "assistant":
      return { role: "model", parts: convertAssistant(message, toolNames) };
    case "tool": {
      const text = typeof message.content === "string" ? message.content : message.content.map((part) => part.text).join("");
      const name = toolNames.get(message.tool_call_id) ?? message.tool_call_id;
      return { role: "user", parts: [{ functionResponse: { name, response: toResponseObject(text) } }] };
    }
    case "function":
      return { role: "user", parts: [{ functionResponse: { name: message.name, response: toResponseObject(message.content ?? "") } }] };
  }
}

function convertAssistant(message: AssistantMessage, toolNames: Map<string, string>): GeminiPart[] {
  const parts: GeminiPart[] = [];
  const text = typeof message.content === "string" ? message.content : (message.content ?? []).map((part) => (part.type === "text" ? part.text : part.refusal)).join("");
  if (text !== "") parts.push({ text });
  for (const call of message.tool_calls ?? []) {
    toolNames.set(call.id, call.function.name);
    parts.push({ functionCall: { name: call.function.name, args: parseArguments(call.function.arguments) } });
  }
  return parts.length > 0 ? parts : [{ text: "" }];
}

function convertUserPart(part: UserContentPart): GeminiPart {
  if (part.type === "text") return { text: part.text };
  if (part.type === "image_url") {
    const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(part.image_url.url);
    if (dataUrl?.[1] !== undefined && dataUrl[2] !== undefined) return { inlineData: { mimeType: dataUrl[1], data: dataUrl[2] } };
    return { fileData: { fileUri: part.image_url.url } };
  }
  if (part.type === "input_audio") return { inlineData: { mimeType: `audio/${part.input_audio.format}`, data: part.input_audio.data } };
  return { text: "[unsupported file content omitted]" };
}

/** functionResponse.response must be an object: JSON objects pass, anything else is wrapped. */
function toResponseObject(text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    return { content: parsed };
  } catch {
    return { content: text };
  }
}

function parseArguments(text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text || "{}") as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
