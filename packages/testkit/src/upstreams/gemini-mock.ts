import type { ServerResponse } from "node:http";
import type { MockKnobs } from "./mock-knobs.js";
import { deterministicVector, replyText, replyUsage, splitIntoPieces, type MockChatReply } from "./mock-reply.js";
import { geminiRequestSchemaProblem } from "./gemini-schema-check.js";
import type { RecordedRequest } from "./recorded-request.js";
import { sendJson, sseFrame, streamFrames } from "./respond.js";
import { startVendorMock, type VendorMock } from "./vendor-mock.js";

export interface GeminiErrorSpec {
  status: number;
  /** google.rpc status name; defaults from the HTTP status. */
  statusName?: string;
  /** ErrorInfo reason, e.g. API_KEY_INVALID. */
  reason?: string;
  message?: string;
  /** RetryInfo retryDelay in seconds (429 defaults to 17). */
  retryDelaySeconds?: number;
  body?: unknown;
}

export interface GeminiMockScenario extends MockKnobs {
  reply?: MockChatReply;
  error?: GeminiErrorSpec;
  /** Streams: send `data: {"error":{...}}` (500 INTERNAL) after this many events. */
  streamErrorAfterEvents?: number;
  /** Answer 200 with promptFeedback.blockReason and no candidates. */
  blockPrompt?: boolean;
  toolArgumentChunkSize?: number;
}

export interface GeminiMockOptions {
  /** When set, `x-goog-api-key` (or `?key=`) must match, else 400 API_KEY_INVALID. */
  apiKey?: string;
  scenario?: GeminiMockScenario;
  maxRecordedRequests?: number;
}

export type GeminiMock = VendorMock<GeminiMockScenario>;

const STATUS_NAMES: Record<number, string> = { 400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE" };

export function geminiErrorBody(spec: GeminiErrorSpec): unknown {
  if (spec.body !== undefined) return spec.body;
  const details: unknown[] = [];
  if (spec.reason !== undefined) details.push({ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: spec.reason, domain: "googleapis.com" });
  const retryDelay = spec.retryDelaySeconds ?? (spec.status === 429 ? 17 : undefined);
  if (retryDelay !== undefined) details.push({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryDelay}s` });
  const statusName = spec.statusName ?? STATUS_NAMES[spec.status] ?? "INTERNAL";
  return { error: { code: spec.status, message: spec.message ?? `mock ${statusName}`, status: statusName, details } };
}

/** The API versions the mock serves, as the vendor does; the version is the first path segment. */
const VERSIONED_PATH = /^\/(v1beta|v1)(\/.*)$/;

/**
 * Gemini API `v1beta` and `v1`: `models/{model}:generateContent`, `:streamGenerateContent?alt=sse`,
 * `:batchEmbedContents`, `GET models`. `baseUrl` is the host root (as google-genai's `base_url`).
 */
export function startGeminiMock(options: GeminiMockOptions = {}): Promise<GeminiMock> {
  return startVendorMock<GeminiMockScenario, GeminiErrorSpec>(
    {
      pathPrefix: "",
      route(method, versionedPath) {
        const path = VERSIONED_PATH.exec(versionedPath)?.[2];
        if (path === undefined) return undefined;
        if (method === "GET" && path === "/models") return handleModels;
        const match = /^\/models\/([^:]+):(generateContent|streamGenerateContent|batchEmbedContents)$/.exec(path);
        if (method !== "POST" || match === null) return undefined;
        if (match[2] === "batchEmbedContents") return handleBatchEmbed;
        return (request, response, scenario) => handleGenerate(request, response, scenario, decodeURIComponent(match[1] ?? ""), match[2] === "streamGenerateContent");
      },
      authenticate(request) {
        const key = request.headers["x-goog-api-key"] ?? request.query.key;
        if (options.apiKey !== undefined && key !== options.apiKey) return { status: 400, reason: "API_KEY_INVALID", message: "API key not valid. Please pass a valid API key." };
        return undefined;
      },
      sendError: (response, error, scenario) => sendJson(response, error.status, geminiErrorBody(error), scenario),
    },
    options,
  );
}

async function handleGenerate(request: RecordedRequest, response: ServerResponse, scenario: GeminiMockScenario, model: string, stream: boolean): Promise<void> {
  const body = request.body as { contents?: Array<{ role?: string }> };
  const badRole = (body.contents ?? []).find((content) => content.role !== "user" && content.role !== "model");
  if (!Array.isArray(body.contents) || body.contents.length === 0 || badRole !== undefined) {
    await sendJson(response, 400, geminiErrorBody({ status: 400, message: "Please use a valid role: user, model." }), scenario);
    return;
  }
  const schemaProblem = geminiRequestSchemaProblem(request.body as Record<string, unknown>);
  if (schemaProblem !== undefined) {
    await sendJson(response, 400, geminiErrorBody({ status: 400, message: schemaProblem }), scenario);
    return;
  }
  if (scenario.blockPrompt) {
    await sendJson(response, 200, { promptFeedback: { blockReason: "SAFETY" }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 }, modelVersion: model });
    return;
  }
  if (!stream) {
    await sendJson(response, 200, { ...responseBody(model, scenario.reply, partsOf(scenario.reply), true), usageMetadata: usageMetadata(scenario.reply) }, scenario);
    return;
  }
  if (request.query.alt !== "sse") {
    // Without alt=sse Gemini streams one JSON array; adapters must ask for SSE.
    await sendJson(response, 200, [responseBody(model, scenario.reply, partsOf(scenario.reply), true)], scenario);
    return;
  }
  await streamFrames(response, streamEvents(model, scenario), scenario);
}

function partsOf(reply: MockChatReply | undefined): unknown[] {
  const parts: unknown[] = [];
  if (reply?.reasoning) parts.push({ text: reply.reasoning, thought: true });
  const text = replyText(reply);
  if (text !== "") parts.push({ text });
  for (const call of reply?.toolCalls ?? []) parts.push({ functionCall: { name: call.name, args: JSON.parse(call.arguments) as unknown } });
  return parts;
}

function responseBody(model: string, reply: MockChatReply | undefined, parts: unknown[], final: boolean): Record<string, unknown> {
  const candidate: Record<string, unknown> = { content: { role: "model", parts }, index: 0 };
  if (final) candidate.finishReason = reply?.finishReason ?? "STOP";
  return { candidates: [candidate], modelVersion: model, responseId: "mock-response-1" };
}

function usageMetadata(reply: MockChatReply | undefined, completionSoFar?: number): Record<string, number> | undefined {
  const usage = replyUsage(reply);
  if (usage === null) return undefined;
  const candidates = completionSoFar ?? usage.completionTokens - (usage.reasoningTokens ?? 0);
  const thoughts = usage.reasoningTokens ?? 0;
  return {
    promptTokenCount: usage.promptTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: usage.promptTokens + candidates + thoughts,
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
    ...(usage.cachedTokens ? { cachedContentTokenCount: usage.cachedTokens } : {}),
  };
}

function streamEvents(model: string, scenario: GeminiMockScenario): string[] {
  const reply = scenario.reply;
  const pieces: unknown[][] = splitIntoPieces(replyText(reply)).map((text) => [{ text }]);
  for (const call of reply?.toolCalls ?? []) pieces.push([{ functionCall: { name: call.name, args: JSON.parse(call.arguments) as unknown } }]);
  if (pieces.length === 0) pieces.push([{ text: "" }]);
  const usage = replyUsage(reply);
  const frames = pieces.map((parts, index) => {
    const final = index === pieces.length - 1;
    // usageMetadata is cumulative; the final event carries the full counts.
    const metadata = usage === null ? undefined : final ? usageMetadata(reply) : usageMetadata(reply, index + 1);
    return sseFrame(JSON.stringify({ ...responseBody(model, reply, parts, final), ...(metadata ? { usageMetadata: metadata } : {}) }));
  });
  if (scenario.streamErrorAfterEvents === undefined) return frames;
  return [...frames.slice(0, scenario.streamErrorAfterEvents), sseFrame(JSON.stringify(geminiErrorBody({ status: 500 })))];
}

async function handleBatchEmbed(request: RecordedRequest, response: ServerResponse, scenario: GeminiMockScenario): Promise<void> {
  const requests = (request.body as { requests?: Array<{ content?: { parts?: Array<{ text?: string }> }; outputDimensionality?: number }> }).requests ?? [];
  const embeddings = requests.map((item) => ({ values: deterministicVector(item.content?.parts?.[0]?.text ?? "", item.outputDimensionality ?? 8) }));
  await sendJson(response, 200, { embeddings }, scenario);
}

async function handleModels(_request: RecordedRequest, response: ServerResponse, scenario: GeminiMockScenario): Promise<void> {
  await sendJson(response, 200, { models: [{ name: "models/gemini-2.0-flash", displayName: "Gemini 2.0 Flash", supportedGenerationMethods: ["generateContent", "countTokens"] }] }, scenario);
}
