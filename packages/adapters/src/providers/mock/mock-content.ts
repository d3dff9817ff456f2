import type { ChatCompletionRequest, ChatMessage, ToolCall } from "../../spec/chat-types.js";
import type { ModerationResult } from "../../spec/endpoint-types.js";

/**
 * Pure, deterministic content of the `mock` provider (demos and the README's first run).
 * Every answer says it is a mock so nobody mistakes it for a model.
 */
export const MOCK_LABEL = "[mock]";

export function mockReplyText(request: Pick<ChatCompletionRequest, "messages">): string {
  const said = lastUserText(request.messages).replace(/\s+/g, " ").trim();
  const excerpt = said.length > 60 ? `${said.slice(0, 57)}...` : said;
  return `${MOCK_LABEL} This is a mock reply from LLM Serve; no model was called. You said: "${excerpt}"`;
}

export function mockCompletionText(prompt: string): string {
  return ` ${MOCK_LABEL} mock completion of ${prompt.length} characters.`;
}

/**
 * The mock calls a tool when the caller forces one (`required` or a named function), or when the
 * last user message mentions a tool by name; arguments are always `{}`.
 */
export function mockToolCall(request: ChatCompletionRequest): ToolCall | undefined {
  const tools = request.tools ?? [];
  const choice = request.tool_choice;
  if (tools.length === 0 || choice === "none") return undefined;
  const lastMessage = request.messages[request.messages.length - 1];
  if (lastMessage?.role !== "user") return undefined;
  const said = lastUserText(request.messages);
  const named = typeof choice === "object" ? tools.find((tool) => tool.function.name === choice.function.name) : undefined;
  const mentioned = tools.find((tool) => said.includes(tool.function.name));
  const tool = named ?? mentioned ?? (choice === "required" ? tools[0] : undefined);
  if (tool === undefined) return undefined;
  return { id: `call_mock_${stableHash(tool.function.name) % 100000}`, type: "function", function: { name: tool.function.name, arguments: "{}" } };
}

/** Unit vector of a fixed dimension derived only from the text. */
export function mockEmbedding(text: string, dimensions: number): number[] {
  let state = stableHash(text) || 1;
  const values: number[] = [];
  for (let index = 0; index < dimensions; index += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values.push(((state >>> 0) / 4294967295) * 2 - 1);
  }
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0)) || 1;
  return values.map((value) => value / norm);
}

export function mockTranscript(filename: string, size: number): string {
  return `${MOCK_LABEL} Mock transcription of ${filename} (${size} bytes).`;
}

/** A 1x1 transparent PNG. */
export const MOCK_IMAGE_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** OpenAI's full category set: a moderation answer names every one of them. */
const MOCK_CATEGORIES = [
  "hate",
  "hate/threatening",
  "harassment",
  "harassment/threatening",
  "illicit",
  "illicit/violent",
  "self-harm",
  "self-harm/intent",
  "self-harm/instructions",
  "sexual",
  "sexual/minors",
  "violence",
  "violence/graphic",
];

/** Flags text that contains the word "mock-flag", so demos can show both outcomes. */
export function mockModeration(text: string): ModerationResult {
  const flagged = text.includes("mock-flag");
  const categories = Object.fromEntries(MOCK_CATEGORIES.map((name) => [name, flagged && name === "violence"]));
  const scores = Object.fromEntries(MOCK_CATEGORIES.map((name) => [name, flagged && name === "violence" ? 0.99 : 0.001]));
  const appliedTypes = Object.fromEntries(MOCK_CATEGORIES.map((name) => [name, ["text"]]));
  return { flagged, categories, category_scores: scores, category_applied_input_types: appliedTypes };
}

/** Words with their leading space, the mock's streaming unit. */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

export function stableHash(text: string): number {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  return hash >>> 0;
}

function lastUserText(messages: ChatMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.role !== "user") continue;
    if (typeof message.content === "string") return message.content;
    return message.content.map((part) => (part.type === "text" ? part.text : "")).join(" ");
  }
  return "";
}
