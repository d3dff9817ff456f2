import type { ServerResponse } from "node:http";
import type { MockKnobs } from "./mock-knobs.js";
import { replyText, replyUsage, splitFixed, splitIntoPieces, type MockChatReply } from "./mock-reply.js";
import type { RecordedRequest } from "./recorded-request.js";
import { sendJson, sseFrame, streamFrames } from "./respond.js";
import { startVendorMock, type VendorMock } from "./vendor-mock.js";

export interface AnthropicErrorSpec {
  status: number;
  /** Anthropic error type; defaults from the status (429 rate_limit_error, 529 overloaded_error, ...). */
  type?: string;
  message?: string;
  retryAfterSeconds?: number;
  body?: unknown;
}

export interface AnthropicMockScenario extends MockKnobs {
  reply?: MockChatReply;
  error?: AnthropicErrorSpec;
  /** Streams: send `event: error` (overloaded_error) after this many events. */
  streamErrorAfterEvents?: number;
  toolArgumentChunkSize?: number;
}

export interface AnthropicMockOptions {
  /** When set, requests must carry this key as `x-api-key` or as `Authorization: Bearer` (the API takes both). */
  apiKey?: string;
  scenario?: AnthropicMockScenario;
  maxRecordedRequests?: number;
}

export type AnthropicMock = VendorMock<AnthropicMockScenario>;

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  503: "api_error",
  529: "overloaded_error",
};

export function anthropicErrorBody(spec: AnthropicErrorSpec): unknown {
  if (spec.body !== undefined) return spec.body;
  const type = spec.type ?? ERROR_TYPES[spec.status] ?? "api_error";
  return { type: "error", error: { type, message: spec.message ?? `mock ${type}` }, request_id: "req_mock" };
}

/** Anthropic Messages API (`/v1/messages`, `/v1/models`) with its validation rules. */
export function startAnthropicMock(options: AnthropicMockOptions = {}): Promise<AnthropicMock> {
  return startVendorMock<AnthropicMockScenario, AnthropicErrorSpec>(
    {
      pathPrefix: "/v1",
      route: (method, path) => (method === "POST" && path === "/messages" ? handleMessages : method === "GET" && path === "/models" ? handleModels : undefined),
      authenticate(request) {
        if (options.apiKey !== undefined && !carriesKey(request, options.apiKey)) return { status: 401, message: "invalid x-api-key" };
        if (request.headers["anthropic-version"] === undefined) return { status: 400, message: "anthropic-version: header is required" };
        return undefined;
      },
      async sendError(response, error, scenario) {
        const headers: Record<string, string> = error.retryAfterSeconds !== undefined || error.status === 429 ? { "retry-after": String(error.retryAfterSeconds ?? 1) } : {};
        await sendJson(response, error.status, anthropicErrorBody(error), scenario, { "request-id": "req_mock", ...headers });
      },
    },
    options,
  );
}

/** The API takes the key as `x-api-key` or as a bearer token; when both come, `x-api-key` is the one used. */
function carriesKey(request: RecordedRequest, apiKey: string): boolean {
  if (request.headers["x-api-key"] !== undefined) return request.headers["x-api-key"] === apiKey;
  return /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] === apiKey;
}

/** API version 2026-10-21 refuses every sampling parameter, even at its default value. */
const SAMPLING_REFUSED_FROM = "2026-10-21";

async function handleMessages(request: RecordedRequest, response: ServerResponse, scenario: AnthropicMockScenario): Promise<void> {
  const body = request.body as Record<string, unknown>;
  const invalid = validate(body, request.headers["anthropic-version"] ?? "");
  if (invalid !== undefined) {
    await sendJson(response, 400, anthropicErrorBody({ status: 400, message: invalid }), scenario);
    return;
  }
  const model = String(body.model);
  if (body.stream === true) await streamFrames(response, streamEvents(model, scenario), scenario);
  else await sendJson(response, 200, messageBody(model, scenario.reply), scenario, { "request-id": "req_mock" });
}

function validate(body: Record<string, unknown>, apiVersion: string): string | undefined {
  if (typeof body.max_tokens !== "number") return "max_tokens: Field required";
  const messages = body.messages as Array<{ role: string }> | undefined;
  if (!Array.isArray(messages) || messages.length === 0) return "messages: at least one message is required";
  if (messages.some((message) => message.role !== "user" && message.role !== "assistant")) return 'messages: Unexpected role "system". Use the top-level system parameter.';
  if (messages[0]?.role !== "user") return "messages: first message must use the \"user\" role";
  if (apiVersion >= SAMPLING_REFUSED_FROM) {
    const sampling = ["temperature", "top_p", "top_k"].find((name) => body[name] !== undefined);
    if (sampling !== undefined) return `${sampling}: Extra inputs are not permitted`;
  } else if (body.temperature !== undefined && body.top_p !== undefined) return "`temperature` and `top_p` cannot both be specified for this model. Please use only one.";
  return undefined;
}

/** `usage: null` in the reply drops usage entirely (the real API always sends it; proxies may not). */
function usageOf(reply: MockChatReply | undefined): Record<string, number> | undefined {
  const usage = replyUsage(reply);
  if (usage === null) return undefined;
  return { input_tokens: usage.promptTokens - (usage.cachedTokens ?? 0), output_tokens: usage.completionTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: usage.cachedTokens ?? 0 };
}

function stopReason(reply: MockChatReply | undefined): string {
  return reply?.finishReason ?? (reply?.toolCalls?.length ? "tool_use" : "end_turn");
}

function messageBody(model: string, reply: MockChatReply | undefined): Record<string, unknown> {
  const text = replyText(reply);
  const content: unknown[] = [];
  if (reply?.reasoning) content.push({ type: "thinking", thinking: reply.reasoning, signature: "sig" });
  if (text !== "") content.push({ type: "text", text });
  (reply?.toolCalls ?? []).forEach((call, index) => content.push({ type: "tool_use", id: call.id ?? `toolu_mock${index}`, name: call.name, input: JSON.parse(call.arguments) as unknown }));
  return { id: "msg_mock1", type: "message", role: "assistant", model, content, stop_reason: stopReason(reply), stop_sequence: null, ...(usageOf(reply) ? { usage: usageOf(reply) } : {}) };
}

function streamEvents(model: string, scenario: AnthropicMockScenario): string[] {
  const reply = scenario.reply;
  const event = (name: string, data: Record<string, unknown>): string => sseFrame(JSON.stringify({ type: name, ...data }), name);
  const usage = usageOf(reply);
  const frames = [event("message_start", { message: { id: "msg_mock1", type: "message", role: "assistant", content: [], model, stop_reason: null, stop_sequence: null, ...(usage ? { usage: { ...usage, output_tokens: 1 } } : {}) } })];
  let blockIndex = 0;
  if (reply?.reasoning) {
    frames.push(event("content_block_start", { index: blockIndex, content_block: { type: "thinking", thinking: "" } }));
    for (const piece of splitIntoPieces(reply.reasoning)) frames.push(event("content_block_delta", { index: blockIndex, delta: { type: "thinking_delta", thinking: piece } }));
    frames.push(event("content_block_stop", { index: blockIndex++ }));
  }
  const text = replyText(reply);
  if (text !== "") {
    frames.push(event("content_block_start", { index: blockIndex, content_block: { type: "text", text: "" } }), event("ping", {}));
    for (const piece of splitIntoPieces(text)) frames.push(event("content_block_delta", { index: blockIndex, delta: { type: "text_delta", text: piece } }));
    frames.push(event("content_block_stop", { index: blockIndex++ }));
  }
  (reply?.toolCalls ?? []).forEach((call, toolIndex) => {
    frames.push(event("content_block_start", { index: blockIndex, content_block: { type: "tool_use", id: call.id ?? `toolu_mock${toolIndex}`, name: call.name, input: {} } }));
    for (const fragment of splitFixed(call.arguments, scenario.toolArgumentChunkSize ?? 8)) {
      frames.push(event("content_block_delta", { index: blockIndex, delta: { type: "input_json_delta", partial_json: fragment } }));
    }
    frames.push(event("content_block_stop", { index: blockIndex++ }));
  });
  frames.push(event("message_delta", { delta: { stop_reason: stopReason(reply), stop_sequence: null }, ...(usage ? { usage: { output_tokens: usage.output_tokens } } : {}) }), event("message_stop", {}));
  if (scenario.streamErrorAfterEvents === undefined) return frames;
  return [...frames.slice(0, scenario.streamErrorAfterEvents), event("error", { error: { type: "overloaded_error", message: "Overloaded" } })];
}

async function handleModels(_request: RecordedRequest, response: ServerResponse, scenario: AnthropicMockScenario): Promise<void> {
  await sendJson(response, 200, { data: [{ type: "model", id: "claude-sonnet-4-5", display_name: "Claude Sonnet 4.5", created_at: "2025-09-29T00:00:00Z" }], has_more: false, first_id: "claude-sonnet-4-5", last_id: "claude-sonnet-4-5" }, scenario);
}
