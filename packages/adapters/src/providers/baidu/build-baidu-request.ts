import type { ChatCompletionRequest } from "../../spec/chat-types.js";
import { convertToBaiduMessages } from "./convert-to-baidu-messages.js";

/** OpenAI chat request -> Wenxin v1 body (the model travels in the URL path). */
export function buildBaiduRequest(request: ChatCompletionRequest, stream: boolean): Record<string, unknown> {
  const { system, messages } = convertToBaiduMessages(request.messages);
  const body: Record<string, unknown> = { messages };
  if (system !== undefined) body.system = system;
  // Wenxin accepts temperature in (0, 1] and rejects 0.
  if (typeof request.temperature === "number") body.temperature = Math.min(1, Math.max(0.01, request.temperature));
  if (typeof request.top_p === "number") body.top_p = request.top_p;
  if (typeof request.presence_penalty === "number") body.presence_penalty = request.presence_penalty;
  if (typeof request.frequency_penalty === "number") body.frequency_penalty = request.frequency_penalty;
  const stop = typeof request.stop === "string" ? [request.stop] : request.stop;
  if (stop && stop.length > 0) body.stop = stop;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === "number") body.max_output_tokens = maxTokens;
  if (request.user !== undefined) body.user_id = request.user;
  if (request.tools !== undefined && request.tools.length > 0) {
    body.functions = request.tools.map((tool) => ({ name: tool.function.name, description: tool.function.description ?? "", parameters: tool.function.parameters ?? { type: "object", properties: {} } }));
  }
  // (unverified) v1 response_format takes the bare type string on models that support it.
  if (request.response_format?.type === "json_object") body.response_format = "json_object";
  if (stream) body.stream = true;
  return body;
}
