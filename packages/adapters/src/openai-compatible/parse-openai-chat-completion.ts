import { protocolError } from "../http/call-upstream.js";
import type { ChatCompletion, ChatCompletionChoice, ToolCall } from "../spec/chat-types.js";
import type { FinishReason } from "../spec/finish-reason.js";

type RawObject = Record<string, unknown>;

/**
 * A vendor's OpenAI-shaped completion -> canonical ChatCompletion: fills the keys OpenAI always
 * sends (object, refusal, logprobs), which Zhipu and others omit, and normalises finish reasons.
 */
export function parseOpenAIChatCompletion(
  provider: string,
  json: unknown,
  mapFinishReason: (value: unknown) => FinishReason | null,
  fallbackModel: string,
): ChatCompletion {
  if (typeof json !== "object" || json === null || !Array.isArray((json as RawObject).choices)) {
    throw protocolError(provider, "Upstream chat completion has no choices", json);
  }
  const raw = json as RawObject;
  const completion: ChatCompletion = {
    id: String(raw.id ?? ""),
    object: "chat.completion",
    created: typeof raw.created === "number" ? raw.created : Math.floor(Date.now() / 1000),
    model: typeof raw.model === "string" && raw.model !== "" ? raw.model : fallbackModel,
    choices: (raw.choices as RawObject[]).map((choice, position) => parseChoice(choice, position, mapFinishReason)),
  };
  if (raw.system_fingerprint !== undefined) completion.system_fingerprint = raw.system_fingerprint as string | null;
  if (typeof raw.service_tier === "string") completion.service_tier = raw.service_tier;
  return completion;
}

function parseChoice(choice: RawObject, position: number, mapFinishReason: (value: unknown) => FinishReason | null): ChatCompletionChoice {
  const message = (choice.message ?? {}) as RawObject;
  const toolCalls = parseToolCalls(message.tool_calls);
  const parsed: ChatCompletionChoice = {
    index: typeof choice.index === "number" ? choice.index : position,
    message: {
      role: "assistant",
      content: typeof message.content === "string" ? message.content : null,
      refusal: typeof message.refusal === "string" ? message.refusal : null,
    },
    logprobs: choice.logprobs ?? null,
    finish_reason: mapFinishReason(choice.finish_reason) ?? (toolCalls ? "tool_calls" : "stop"),
  };
  if (toolCalls) parsed.message.tool_calls = toolCalls;
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (typeof reasoning === "string" && reasoning !== "") parsed.message.reasoning_content = reasoning;
  return parsed;
}

function parseToolCalls(value: unknown): ToolCall[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.map((raw: RawObject, index) => {
    const fn = (raw.function ?? {}) as RawObject;
    const args = fn.arguments;
    return {
      id: typeof raw.id === "string" ? raw.id : `call_${index}`,
      type: "function" as const,
      function: { name: String(fn.name ?? ""), arguments: typeof args === "string" ? args : JSON.stringify(args ?? {}) },
    };
  });
}
