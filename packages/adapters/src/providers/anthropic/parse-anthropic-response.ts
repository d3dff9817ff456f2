import { protocolError } from "../../http/call-upstream.js";
import type { ChatCompletion, ToolCall } from "../../spec/chat-types.js";
import type { AnthropicResponse } from "./anthropic-types.js";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason.js";

/** Anthropic message -> OpenAI chat completion: text blocks joined, tool_use -> tool_calls, thinking -> reasoning_content. */
export function parseAnthropicResponse(json: unknown, created: number): ChatCompletion {
  const message = json as AnthropicResponse;
  if (typeof message !== "object" || message === null || !Array.isArray(message.content)) {
    throw protocolError("anthropic", "Anthropic answer has no content", json);
  }
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === "text") text += block.text;
    else if (block.type === "thinking") reasoning += block.thinking;
    else if (block.type === "tool_use") toolCalls.push({ id: block.id, type: "function", function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
  }
  const completion: ChatCompletion = {
    id: message.id,
    object: "chat.completion",
    created,
    model: message.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: text === "" && toolCalls.length > 0 ? null : text, refusal: null },
        logprobs: null,
        finish_reason: mapAnthropicFinishReason(message.stop_reason),
      },
    ],
  };
  const choiceMessage = completion.choices[0]!.message;
  if (toolCalls.length > 0) choiceMessage.tool_calls = toolCalls;
  if (reasoning !== "") choiceMessage.reasoning_content = reasoning;
  return completion;
}
