import type { ChatCompletionChunk, ChatCompletionChunkChoice, ChatCompletionDelta, ToolCallDelta } from "../spec/chat-types.js";
import type { FinishReason } from "../spec/finish-reason.js";

type RawObject = Record<string, unknown>;

/**
 * A vendor's OpenAI-shaped stream chunk -> canonical chunk. Usage is removed (it travels as the
 * stream's final usage part), a missing finish_reason becomes null, vendor finish reasons are mapped,
 * and whole tool calls (Zhipu, Ollama) get the `index` OpenAI fragments carry.
 */
export function parseOpenAIChatChunk(
  json: RawObject,
  mapFinishReason: (value: unknown) => FinishReason | null,
  fallbackModel: string,
): ChatCompletionChunk {
  const rawChoices = Array.isArray(json.choices) ? (json.choices as RawObject[]) : [];
  const chunk: ChatCompletionChunk = {
    id: String(json.id ?? ""),
    object: "chat.completion.chunk",
    created: typeof json.created === "number" ? json.created : Math.floor(Date.now() / 1000),
    model: typeof json.model === "string" && json.model !== "" ? json.model : fallbackModel,
    choices: rawChoices.map((choice, position) => parseChunkChoice(choice, position, mapFinishReason)),
  };
  if (json.system_fingerprint !== undefined) chunk.system_fingerprint = json.system_fingerprint as string | null;
  return chunk;
}

function parseChunkChoice(choice: RawObject, position: number, mapFinishReason: (value: unknown) => FinishReason | null): ChatCompletionChunkChoice {
  const parsed: ChatCompletionChunkChoice = {
    index: typeof choice.index === "number" ? choice.index : position,
    delta: parseDelta((choice.delta ?? {}) as RawObject),
    finish_reason: mapFinishReason(choice.finish_reason),
  };
  if (choice.logprobs !== undefined) parsed.logprobs = choice.logprobs;
  return parsed;
}

function parseDelta(raw: RawObject): ChatCompletionDelta {
  const delta: ChatCompletionDelta = {};
  if (raw.role === "assistant") delta.role = "assistant";
  if (typeof raw.content === "string" || raw.content === null) delta.content = raw.content;
  if (typeof raw.refusal === "string" || raw.refusal === null) delta.refusal = raw.refusal;
  const reasoning = raw.reasoning_content ?? raw.reasoning;
  if (typeof reasoning === "string") delta.reasoning_content = reasoning;
  if (Array.isArray(raw.tool_calls)) delta.tool_calls = (raw.tool_calls as RawObject[]).map(parseToolCallDelta);
  return delta;
}

function parseToolCallDelta(raw: RawObject, position: number): ToolCallDelta {
  const delta: ToolCallDelta = { index: typeof raw.index === "number" ? raw.index : position };
  if (typeof raw.id === "string") delta.id = raw.id;
  if (raw.type === "function") delta.type = "function";
  const fn = raw.function as RawObject | undefined;
  if (fn !== undefined) {
    delta.function = {};
    if (typeof fn.name === "string") delta.function.name = fn.name;
    if (fn.arguments !== undefined) delta.function.arguments = typeof fn.arguments === "string" ? fn.arguments : JSON.stringify(fn.arguments);
  }
  return delta;
}
