import type { ChatCompletionRequest } from "../../spec/chat-types.js";
import { acceptsSamplingParameters, ANTHROPIC_VERSION } from "./anthropic-version.js";
import { convertToAnthropicMessages } from "./convert-to-anthropic-messages.js";
import { convertToAnthropicToolChoice, convertToAnthropicTools } from "./convert-to-anthropic-tools.js";

/** Anthropic requires max_tokens; OpenAI callers often omit it. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

export function buildAnthropicRequest(request: ChatCompletionRequest, stream: boolean, apiVersion: string = ANTHROPIC_VERSION): Record<string, unknown> {
  const { system, messages } = convertToAnthropicMessages(request.messages);
  const body: Record<string, unknown> = {
    model: request.model,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
    messages,
  };
  if (system !== undefined) body.system = system;
  if (acceptsSamplingParameters(apiVersion)) Object.assign(body, samplingOf(request));
  const stop = typeof request.stop === "string" ? [request.stop] : request.stop;
  if (stop && stop.length > 0) body.stop_sequences = stop;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  const tools = convertToAnthropicTools(request.tools);
  if (tools !== undefined) body.tools = tools;
  const toolChoice = convertToAnthropicToolChoice(tools === undefined ? undefined : request.tool_choice, tools === undefined ? undefined : request.parallel_tool_calls);
  if (toolChoice !== undefined) body.tool_choice = toolChoice;
  if (stream) body.stream = true;
  return body;
}

/**
 * Sampling for API versions before 2026-10-21 (which refuses every sampling parameter, so nothing is
 * sent there). Current Claude models answer 400 to temperature and top_p together ("use only one"):
 * temperature wins. OpenAI's temperature range is 0..2, Anthropic's 0..1.
 */
function samplingOf(request: ChatCompletionRequest): Record<string, number> {
  if (typeof request.temperature === "number") return { temperature: Math.min(1, Math.max(0, request.temperature)) };
  if (typeof request.top_p === "number") return { top_p: request.top_p };
  return {};
}
