import type { ServerResponse } from "node:http";
import type { MockKnobs } from "./mock-knobs.js";
import { deterministicVector, replyText, replyUsage, splitIntoPieces, type MockChatReply } from "./mock-reply.js";
import type { RecordedRequest } from "./recorded-request.js";
import { sendJson, sendText, sseFrame, streamFrames } from "./respond.js";
import { startVendorMock, type VendorMock } from "./vendor-mock.js";

export interface BaiduErrorSpec {
  /** Baidu error_code (110, 111, 17, 18, 336003, ...). Omit to send a non-JSON body (`rawBody`). */
  errorCode?: number;
  errorMsg?: string;
  /** HTTP status of the error answer: Baidu uses 200 (the default) for its business errors. */
  httpStatus?: number;
  /** A raw non-JSON body, e.g. a load balancer's 503 page. */
  rawBody?: string;
}

export interface BaiduMockScenario extends MockKnobs {
  reply?: MockChatReply;
  error?: BaiduErrorSpec;
  /** Streams: send `data: {"error_code":336100,...}` after this many events (in-stream form unverified). */
  streamErrorAfterEvents?: number;
}

export interface BaiduMockOptions {
  /** The AK/SK pair the OAuth endpoint accepts (default any). */
  apiKey?: string;
  secretKey?: string;
  /** expires_in of issued tokens, seconds (default 2592000 = 30 days). */
  tokenTtlSeconds?: number;
  scenario?: BaiduMockScenario;
  maxRecordedRequests?: number;
}

export interface BaiduMock extends VendorMock<BaiduMockScenario> {
  /** Access tokens issued so far, in order. */
  readonly issuedTokens: readonly string[];
  /** Makes every issued token answer 111 (expired) from now on. */
  expireTokens(): void;
  /** Makes every issued token answer 110 (invalid) from now on. */
  revokeTokens(): void;
}

const MESSAGES: Record<number, string> = {
  2: "Service temporarily unavailable",
  4: "Open api request limit reached",
  17: "Open api daily request limit reached",
  18: "Open api qps request limit reached",
  110: "Access token invalid or no longer valid",
  111: "Access token expired",
  336000: "Internal error",
  336003: "the length of messages must be an odd number",
  336100: "try again later",
};

/**
 * Baidu Wenxin v1: `/oauth/2.0/token` plus `/rpc/2.0/ai_custom/v1/wenxinworkshop/{chat|embeddings}/{endpoint}`.
 * `baseUrl` is the host root. Business errors come back with HTTP 200, as the real service does.
 */
export async function startBaiduMock(options: BaiduMockOptions = {}): Promise<BaiduMock> {
  const issued: string[] = [];
  const tokenState = new Map<string, "valid" | "expired" | "revoked">();
  const mock = await startVendorMock<BaiduMockScenario, BaiduErrorSpec>(
    {
      pathPrefix: "",
      route(method, path) {
        if (method === "POST" && path === "/oauth/2.0/token") return issueToken;
        const match = /^\/rpc\/2\.0\/ai_custom\/v1\/wenxinworkshop\/(chat|embeddings)\/([^/]+)$/.exec(path);
        if (method !== "POST" || match === null) return undefined;
        return match[1] === "chat" ? handleChat : handleEmbeddings;
      },
      bypassesScenario: (method, path) => method === "POST" && path === "/oauth/2.0/token",
      authenticate(request) {
        if (request.path === "/oauth/2.0/token") return undefined;
        const state = tokenState.get(request.query.access_token ?? "");
        if (state === undefined || state === "revoked") return { errorCode: 110 };
        if (state === "expired") return { errorCode: 111 };
        return undefined;
      },
      sendError: (response, error, scenario) => sendBaiduError(response, error, scenario),
    },
    options,
  );

  async function issueToken(request: RecordedRequest, response: ServerResponse, scenario: BaiduMockScenario): Promise<void> {
    const { client_id: clientId, client_secret: clientSecret, grant_type: grantType } = request.query;
    if (grantType !== "client_credentials" || (options.apiKey !== undefined && clientId !== options.apiKey)) {
      await sendJson(response, 401, { error: "invalid_client", error_description: "unknown client id" }, scenario);
      return;
    }
    if (options.secretKey !== undefined && clientSecret !== options.secretKey) {
      await sendJson(response, 401, { error: "invalid_client", error_description: "Client authentication failed" }, scenario);
      return;
    }
    const token = `24.mock${issued.length + 1}.${options.tokenTtlSeconds ?? 2592000}.282335-12345678`;
    issued.push(token);
    tokenState.set(token, "valid");
    await sendJson(response, 200, { refresh_token: "25.mock", expires_in: options.tokenTtlSeconds ?? 2592000, session_key: "mock", access_token: token, scope: "public brain_all_scope", session_secret: "mock" }, scenario);
  }

  return Object.assign(mock, {
    get issuedTokens() {
      return issued;
    },
    expireTokens: () => issued.forEach((token) => tokenState.set(token, "expired")),
    revokeTokens: () => issued.forEach((token) => tokenState.set(token, "revoked")),
  });
}

async function sendBaiduError(response: ServerResponse, error: BaiduErrorSpec, scenario: BaiduMockScenario): Promise<void> {
  if (error.errorCode === undefined) {
    await sendText(response, error.httpStatus ?? 500, error.rawBody ?? "<html>error</html>", "text/html", scenario);
    return;
  }
  const body = { error_code: error.errorCode, error_msg: error.errorMsg ?? MESSAGES[error.errorCode] ?? "mock error" };
  await sendJson(response, error.httpStatus ?? 200, body, scenario);
}

async function handleChat(request: RecordedRequest, response: ServerResponse, scenario: BaiduMockScenario): Promise<void> {
  const body = request.body as { messages?: Array<{ role?: string }>; stream?: boolean };
  const invalid = validateMessages(body.messages ?? []);
  if (invalid !== undefined) {
    await sendBaiduError(response, { errorCode: 336003, errorMsg: invalid }, scenario);
    return;
  }
  if (body.stream === true) await streamFrames(response, streamEvents(scenario), scenario);
  else await sendJson(response, 200, resultBody(scenario.reply, replyText(scenario.reply), true), scenario);
}

/** The v1 rules: odd length, user first, user/assistant alternation, function results after a call. */
function validateMessages(messages: Array<{ role?: string }>): string | undefined {
  if (messages.length % 2 === 0) return "the length of messages must be an odd number";
  for (const [index, message] of messages.entries()) {
    const expected = index % 2 === 0 ? ["user", "function"] : ["assistant"];
    if (!expected.includes(message.role ?? "")) return `message ${index} has an invalid role ${String(message.role)}`;
  }
  return messages[0]?.role === "user" ? undefined : "the first message must be from the user";
}

function resultBody(reply: MockChatReply | undefined, result: string, final: boolean, sentence?: number): Record<string, unknown> {
  const usage = replyUsage(reply);
  const call = reply?.toolCalls?.[0];
  const body: Record<string, unknown> = {
    id: "as-mock1234ab",
    object: "chat.completion",
    created: 1735000000,
    ...(sentence === undefined ? {} : { sentence_id: sentence, is_end: final }),
    result: final && call ? "" : result,
    is_truncated: final && reply?.finishReason === "length",
    need_clear_history: final && reply?.finishReason === "content_filter",
  };
  if (final && call) body.function_call = { name: call.name, arguments: call.arguments, thoughts: "mock thoughts" };
  if (usage !== null) body.usage = { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens };
  return body;
}

function streamEvents(scenario: BaiduMockScenario): string[] {
  const pieces = splitIntoPieces(replyText(scenario.reply));
  const frames = pieces.map((piece, index) => sseFrame(JSON.stringify(resultBody(scenario.reply, piece, false, index))));
  frames.push(sseFrame(JSON.stringify(resultBody(scenario.reply, "", true, pieces.length))));
  if (scenario.streamErrorAfterEvents === undefined) return frames;
  return [...frames.slice(0, scenario.streamErrorAfterEvents), sseFrame(JSON.stringify({ error_code: 336100, error_msg: MESSAGES[336100] }))];
}

async function handleEmbeddings(request: RecordedRequest, response: ServerResponse, scenario: BaiduMockScenario): Promise<void> {
  const input = (request.body as { input?: string[] }).input ?? [];
  const data = input.map((text, index) => ({ object: "embedding", embedding: deterministicVector(text, 8), index }));
  await sendJson(response, 200, { id: "as-mockemb", object: "embedding_list", created: 1735000003, data, usage: { prompt_tokens: input.length * 3, total_tokens: input.length * 3 } }, scenario);
}
