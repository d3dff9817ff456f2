import { createHmac, timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { MockKnobs } from "./mock-knobs.js";
import { replyText, replyUsage, splitIntoPieces, type MockChatReply } from "./mock-reply.js";
import { handleEmbeddings, handleImages } from "./openai-endpoints.js";
import { openAIUsage } from "./openai-format.js";
import type { RecordedRequest } from "./recorded-request.js";
import { sendJson, sseFrame, streamFrames } from "./respond.js";
import { startVendorMock, type VendorMock } from "./vendor-mock.js";

export interface ZhipuErrorSpec {
  status: number;
  /** Business code as Zhipu sends it (a numeric string): "1113", "1302", "1211", ... */
  code?: string;
  message?: string;
  body?: unknown;
}

export interface ZhipuMockScenario extends MockKnobs {
  reply?: MockChatReply;
  error?: ZhipuErrorSpec;
  /** Streams: send `data: {"error":{"code":"500",...}}` after this many events. */
  streamErrorAfterEvents?: number;
}

export interface ZhipuMockOptions {
  /** `<id>.<secret>`: when set, the bearer must be this key or a valid JWT signed with its secret. */
  apiKey?: string;
  /** Clock used to check JWT `exp` (milliseconds). */
  now?: () => number;
  scenario?: ZhipuMockScenario;
  maxRecordedRequests?: number;
}

export interface ZhipuMock extends VendorMock<ZhipuMockScenario> {
  /** Payloads of the valid JWTs received, in order. */
  readonly jwtPayloads: ReadonlyArray<{ api_key: string; exp: number; timestamp: number }>;
}

const DEFAULT_CODES: Record<number, { code: string; message: string }> = {
  400: { code: "1210", message: "API 调用参数有误" },
  401: { code: "1000", message: "身份验证失败" },
  404: { code: "1211", message: "模型不存在" },
  429: { code: "1302", message: "您当前使用该API的并发数过高" },
  500: { code: "500", message: "Internal Error" },
  503: { code: "1305", message: "当前API请求过多，请稍后重试" },
};

export function zhipuErrorBody(spec: ZhipuErrorSpec): unknown {
  if (spec.body !== undefined) return spec.body;
  const defaults = DEFAULT_CODES[spec.status] ?? DEFAULT_CODES[500]!;
  return { error: { code: spec.code ?? defaults.code, message: spec.message ?? defaults.message } };
}

/** Zhipu GLM v4 (`/api/paas/v4`): chat (its stream shape), embeddings, images, plain-key or JWT auth. */
export async function startZhipuMock(options: ZhipuMockOptions = {}): Promise<ZhipuMock> {
  const jwtPayloads: Array<{ api_key: string; exp: number; timestamp: number }> = [];
  const mock = await startVendorMock<ZhipuMockScenario, ZhipuErrorSpec>(
    {
      pathPrefix: "/api/paas/v4",
      route(method, path) {
        if (method !== "POST") return undefined;
        if (path === "/chat/completions") return handleChat;
        if (path === "/embeddings") return handleEmbeddings;
        if (path === "/images/generations") return handleImages;
        return undefined;
      },
      authenticate(request) {
        if (options.apiKey === undefined) return undefined;
        const bearer = (request.headers.authorization ?? "").replace(/^Bearer /, "");
        if (bearer === "") return { status: 401, code: "1001", message: "Header中未收到Authorization参数" };
        if (bearer === options.apiKey) return undefined;
        const verdict = verifyJwt(bearer, options.apiKey, (options.now ?? Date.now)());
        if (typeof verdict === "object") {
          jwtPayloads.push(verdict);
          return undefined;
        }
        return verdict === "expired" ? { status: 401, code: "1003", message: "Authorization Token已过期" } : { status: 401, code: "1002", message: "Authorization Token非法" };
      },
      sendError: (response, error, scenario) => sendJson(response, error.status, zhipuErrorBody(error), scenario),
    },
    options,
  );
  return Object.assign(mock, { jwtPayloads });
}

function verifyJwt(token: string, apiKey: string, now: number): { api_key: string; exp: number; timestamp: number } | "invalid" | "expired" {
  const [header, payload, signature] = token.split(".");
  const [id, secret] = apiKey.split(".");
  if (!header || !payload || !signature || !id || !secret) return "invalid";
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  const decodedHeader = JSON.parse(Buffer.from(header, "base64url").toString()) as { alg?: string; sign_type?: string };
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as { api_key: string; exp: number; timestamp: number };
  if (decodedHeader.alg !== "HS256" || decodedHeader.sign_type !== "SIGN" || claims.api_key !== id) return "invalid";
  // exp is in milliseconds (non-standard).
  return claims.exp > now ? claims : "expired";
}

function identity(body: Record<string, unknown>): Record<string, unknown> {
  return { id: "8313807536837492492", request_id: String(body.request_id ?? "req-mock-0001"), created: 1735000000, model: String(body.model) };
}

function toolCalls(reply: MockChatReply | undefined): unknown[] | undefined {
  return reply?.toolCalls?.map((call, index) => ({ id: call.id ?? `call_831380753683749249${index}`, type: "function", index, function: { name: call.name, arguments: call.arguments } }));
}

async function handleChat(request: RecordedRequest, response: ServerResponse, scenario: ZhipuMockScenario): Promise<void> {
  const body = request.body as Record<string, unknown>;
  const reply = scenario.reply;
  const usage = replyUsage(reply);
  const finishReason = reply?.finishReason ?? (reply?.toolCalls?.length ? "tool_calls" : "stop");
  const calls = toolCalls(reply);
  if (body.stream !== true) {
    const text = replyText(reply);
    // Classic GLM-4 answers have no `object`, `logprobs` or `refusal`.
    const message = { role: "assistant", content: calls && text === "" ? null : text, ...(reply?.reasoning ? { reasoning_content: reply.reasoning } : {}), ...(calls ? { tool_calls: calls } : {}) };
    await sendJson(response, 200, { ...identity(body), choices: [{ index: 0, finish_reason: finishReason, message }], ...(usage ? { usage: openAIUsage(usage) } : {}) }, scenario);
    return;
  }
  const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string => sseFrame(JSON.stringify({ ...identity(body), choices: [{ index: 0, delta: { role: "assistant", ...delta }, ...extra }] }));
  const frames = splitIntoPieces(replyText(reply)).map((content) => chunk({ content }));
  // Tool calls arrive whole, in one delta.
  if (calls) frames.push(chunk({ tool_calls: calls }));
  const last = JSON.parse(chunk({ content: "" }, { finish_reason: finishReason }).slice("data: ".length)) as Record<string, unknown>;
  frames.push(sseFrame(JSON.stringify({ ...last, ...(usage ? { usage: openAIUsage(usage) } : {}) })));
  if (scenario.streamErrorAfterEvents !== undefined) {
    await streamFrames(response, [...frames.slice(0, scenario.streamErrorAfterEvents), sseFrame(JSON.stringify(zhipuErrorBody({ status: 500 })))], scenario);
    return;
  }
  await streamFrames(response, [...frames, sseFrame("[DONE]")], scenario);
}
