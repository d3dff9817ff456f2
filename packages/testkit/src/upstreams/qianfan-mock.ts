import type { ServerResponse } from "node:http";
import type { MockKnobs } from "./mock-knobs.js";
import type { MockChatReply } from "./mock-reply.js";
import { handleEmbeddings } from "./openai-endpoints.js";
import { chatChunkBodies, chatCompletionBody } from "./openai-format.js";
import { checkBearer, openAIFrames, type OpenAIMockScenario } from "./openai-mock.js";
import type { RecordedRequest } from "./recorded-request.js";
import { sendJson, streamFrames } from "./respond.js";
import { startVendorMock, type VendorMock } from "./vendor-mock.js";

export interface QianfanErrorSpec {
  status: number;
  /** String code: invalid_model, internal_error, rate_limit_exceeded, ... (status per class unverified). */
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  body?: unknown;
}

export interface QianfanMockScenario extends MockKnobs {
  reply?: MockChatReply;
  error?: QianfanErrorSpec;
  streamErrorAfterEvents?: number;
  toolArgumentChunkSize?: number;
  /** Send the scenario's error as Qianfan also does: the `{"error":…}` body at HTTP 200 (a JSON body, also for streamed calls). */
  errorAtHttp200?: boolean;
}

export interface QianfanMockOptions {
  /** When set, `Authorization: Bearer <apiKey>` must match. */
  apiKey?: string;
  scenario?: QianfanMockScenario;
  maxRecordedRequests?: number;
}

export type QianfanMock = VendorMock<QianfanMockScenario>;

const DEFAULT_CODES: Record<number, string> = { 400: "invalid_argument", 401: "invalid_iam_token", 403: "invalid_model", 404: "no_such_model", 429: "rate_limit_exceeded", 500: "internal_error", 503: "server_overloaded" };

export function qianfanErrorBody(spec: QianfanErrorSpec): unknown {
  if (spec.body !== undefined) return spec.body;
  const code = spec.code ?? DEFAULT_CODES[spec.status] ?? "internal_error";
  return { error: { code, message: spec.message ?? `mock ${code}`, type: spec.status >= 500 ? "server_error" : "invalid_request_error" }, id: "as-sq01fe52em" };
}

/** Baidu Qianfan v2 (`/v2/chat/completions`, `/v2/embeddings`): OpenAI-shaped with Baidu's ids, `normal` finish and `flag`. */
export function startQianfanMock(options: QianfanMockOptions = {}): Promise<QianfanMock> {
  return startVendorMock<QianfanMockScenario, QianfanErrorSpec>(
    {
      pathPrefix: "/v2",
      route: (method, path) => (method !== "POST" ? undefined : path === "/chat/completions" ? handleChat : path === "/embeddings" ? handleEmbeddings : undefined),
      authenticate(request) {
        const failure = checkBearer(request, options.apiKey);
        return failure === undefined ? undefined : { status: 401, code: "invalid_iam_token", message: "IAM Certification failed" };
      },
      async sendError(response, error, scenario) {
        const headers: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { "retry-after": String(error.retryAfterSeconds) };
        await sendJson(response, scenario.errorAtHttp200 === true ? 200 : error.status, qianfanErrorBody(error), scenario, headers);
      },
    },
    options,
  );
}

/** Qianfan says `normal` where OpenAI says `stop`. */
function qianfanReply(reply: MockChatReply | undefined): MockChatReply {
  return { ...reply, finishReason: reply?.finishReason ?? (reply?.toolCalls?.length ? "tool_calls" : "normal") };
}

async function handleChat(request: RecordedRequest, response: ServerResponse, scenario: QianfanMockScenario): Promise<void> {
  const body = request.body as Record<string, unknown>;
  const identity = { id: "as-mockqf0001", created: 1735000004, model: String(body.model) };
  const reply = qianfanReply(scenario.reply);
  if (body.stream !== true) {
    const completion = chatCompletionBody(identity, reply);
    const choices = (completion.choices as Array<Record<string, unknown>>).map((choice) => ({ ...choice, flag: 0 }));
    await sendJson(response, 200, { ...completion, choices }, scenario);
    return;
  }
  const includeUsage = (body.stream_options as Record<string, unknown> | undefined)?.include_usage === true;
  // (unverified) the live chunk `object`; the SDK's mock uses "chat.completion" as here.
  const chunks = chatChunkBodies(identity, reply, { includeUsage, toolArgumentChunkSize: scenario.toolArgumentChunkSize }).map((chunk) => ({ ...chunk, object: "chat.completion" }));
  await streamFrames(response, openAIFrames(chunks, scenario as OpenAIMockScenario), scenario);
}
