import type { HttpFailure } from "../../http/call-upstream.js";
import type { HttpTransport } from "../../http/http-transport.js";
import { OpenAICompatibleAdapter } from "../../openai-compatible/openai-compatible-adapter.js";
import { bearerAuth, defineOpenAICompatibleSettings } from "../../openai-compatible/openai-compatible-settings.js";
import { parseOpenAIError } from "../../openai-compatible/parse-openai-error.js";
import { capabilitiesOf, classifyModelName, type ModelCapabilities } from "../../spec/capabilities.js";
import type { ChatCompletionRequest } from "../../spec/chat-types.js";
import { UpstreamError, type UpstreamErrorType } from "../../spec/upstream-error.js";

export const QIANFAN_BASE_URL = "https://qianfan.baidubce.com/v2";

/** Qianfan string codes whose class the HTTP status does not tell (codes seen in the SDK mock). */
const CODE_TYPES: Record<string, UpstreamErrorType> = {
  invalid_model: "not_found",
  no_such_model: "not_found",
  internal_error: "server",
  invalid_iam_token: "authentication",
  rate_limit_exceeded: "rate_limit",
  server_overloaded: "overloaded",
};

export function parseQianfanError(failure: HttpFailure): UpstreamError {
  const parsed = parseOpenAIError(failure);
  const type = parsed.vendorCode ? CODE_TYPES[parsed.vendorCode] : undefined;
  if (type === undefined) return parsed;
  return new UpstreamError({ provider: parsed.provider, status: parsed.status, type, vendorCode: parsed.vendorCode, message: parsed.message, retryAfterMs: parsed.retryAfterMs, body: parsed.body });
}

/**
 * Qianfan keeps v1's ordering rule (user/assistant alternation), so consecutive user or assistant
 * text messages are merged; everything else is OpenAI's body.
 */
export function adaptQianfanChatBody(body: Record<string, unknown>, _request: ChatCompletionRequest): Record<string, unknown> {
  const messages: Array<Record<string, unknown>> = [];
  for (const message of body.messages as Array<Record<string, unknown>>) {
    const previous = messages[messages.length - 1];
    const mergeable = (candidate: Record<string, unknown> | undefined): boolean =>
      candidate !== undefined && (candidate.role === "user" || candidate.role === "assistant") && typeof candidate.content === "string" && candidate.tool_calls === undefined;
    if (previous !== undefined && previous.role === message.role && mergeable(previous) && mergeable(message)) {
      previous.content = `${String(previous.content)}\n${String(message.content)}`;
    } else messages.push({ ...message });
  }
  return { ...body, messages };
}

export function qianfanCapabilities(model: string): ModelCapabilities {
  if (classifyModelName(model) === "embedding") return capabilitiesOf(["embeddings"]);
  return capabilitiesOf(["chat", "chatStreaming", "tools", "vision"]);
}

/** Baidu Qianfan v2: OpenAI-compatible with a bearer API key (and an optional `appid` header). */
export function createQianfanAdapter(transport: HttpTransport): OpenAICompatibleAdapter {
  const settings = defineOpenAICompatibleSettings({
    provider: "baidu-qianfan",
    defaultBaseUrl: QIANFAN_BASE_URL,
    capabilities: qianfanCapabilities,
    authHeaders: (config) => ({ ...bearerAuth(config), ...(config.appId ? { appid: config.appId } : {}) }),
    adaptChatBody: adaptQianfanChatBody,
    parseError: parseQianfanError,
    // (unverified) whether v2 lists models; a one-token chat proves the key either way.
    validationPath: null,
    validationModel: "ernie-speed-8k",
  });
  return new OpenAICompatibleAdapter(settings, transport);
}
