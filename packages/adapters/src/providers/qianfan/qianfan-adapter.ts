import type { HttpFailure } from "../../http/call-upstream.js";
import type { HttpTransport } from "../../http/http-transport.js";
import { OpenAICompatibleAdapter } from "../../openai-compatible/openai-compatible-adapter.js";
import { bearerAuth, defineOpenAICompatibleSettings } from "../../openai-compatible/openai-compatible-settings.js";
import { parseOpenAIError, statusOfInBodyError, type OpenAIErrorObject } from "../../openai-compatible/parse-openai-error.js";
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

/**
 * HTTP statuses of Qianfan's string codes, for an `{"error":{...}}` body sent at HTTP 200 (unary or
 * instead of a stream): the status the same refusal has when sent as a status-coded answer.
 */
const CODE_STATUSES: Record<string, number> = {
  malformed_json: 400,
  invalid_argument: 400,
  characters_too_long: 400,
  access_denied: 401,
  invalid_iam_token: 401,
  invalid_model: 404,
  no_such_model: 404,
  rate_limit_exceeded: 429,
  rpm_rate_limit_exceeded: 429,
  tpm_rate_limit_exceeded: 429,
  internal_error: 500,
  server_overloaded: 503,
};

export function qianfanInBodyErrorStatus(error: OpenAIErrorObject | undefined): number {
  const code = typeof error?.code === "string" ? error.code : "";
  return CODE_STATUSES[code] ?? statusOfInBodyError(error);
}

export function parseQianfanError(failure: HttpFailure): UpstreamError {
  const parsed = parseOpenAIError(failure);
  const type = parsed.vendorCode ? CODE_TYPES[parsed.vendorCode] : undefined;
  if (type === undefined) return parsed;
  return new UpstreamError({ provider: parsed.provider, status: parsed.status, type, vendorCode: parsed.vendorCode, message: parsed.message, retryAfterMs: parsed.retryAfterMs, body: parsed.body });
}

/**
 * Qianfan keeps v1's ordering rule (user/assistant alternation), so consecutive user or assistant
 * text messages are merged; the output limit is `max_completion_tokens`, as v2 documents it (an
 * OpenAI client's deprecated `max_tokens` is renamed); everything else is OpenAI's body.
 */
export function adaptQianfanChatBody(body: Record<string, unknown>, _request: ChatCompletionRequest): Record<string, unknown> {
  const { max_tokens: maxTokens, ...rest } = body;
  const limited = maxTokens === undefined || rest.max_completion_tokens !== undefined ? rest : { ...rest, max_completion_tokens: maxTokens };
  return { ...limited, messages: mergeConsecutiveTurns(body.messages as Array<Record<string, unknown>>) };
}

function mergeConsecutiveTurns(input: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const messages: Array<Record<string, unknown>> = [];
  for (const message of input) {
    const previous = messages[messages.length - 1];
    const mergeable = (candidate: Record<string, unknown> | undefined): boolean =>
      candidate !== undefined && (candidate.role === "user" || candidate.role === "assistant") && typeof candidate.content === "string" && candidate.tool_calls === undefined;
    if (previous !== undefined && previous.role === message.role && mergeable(previous) && mergeable(message)) {
      previous.content = `${String(previous.content)}\n${String(message.content)}`;
    } else messages.push({ ...message });
  }
  return messages;
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
    inBodyErrorStatus: qianfanInBodyErrorStatus,
    // (unverified) whether v2 lists models; a one-token chat proves the key either way.
    validationPath: null,
    validationModel: "ernie-speed-8k",
  });
  return new OpenAICompatibleAdapter(settings, transport);
}
