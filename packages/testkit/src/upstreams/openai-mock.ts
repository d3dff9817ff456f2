import type { ServerResponse } from "node:http";
import type { MockKnobs } from "./mock-knobs.js";
import { startMockServer, type MockUpstream } from "./mock-server.js";
import type { RecordedRequest } from "./recorded-request.js";
import { sendJson, sseFrame, streamFrames } from "./respond.js";
import { ScenarioQueue } from "./scenario-queue.js";
import { handleAudio, handleCompletion, handleEmbeddings, handleImages, handleModeration, type MediaScenario } from "./openai-endpoints.js";
import { chatChunkBodies, chatCompletionBody, openAIErrorBody, openAIErrorHeaders, type OpenAIErrorSpec } from "./openai-format.js";

export interface OpenAIMockScenario extends MediaScenario, MockKnobs {
  /** Answer with this error instead of a result. */
  error?: OpenAIErrorSpec;
  /**
   * Share (0..1) of requests answered with `error`, spread evenly and deterministically (0.5 fails
   * every second request); the others succeed. Without it, every request gets `error`.
   */
  errorShare?: number;
  /** Streams: send `data: {"error":...}` after this many events, then close. */
  streamErrorAfterEvents?: number;
  /** Streams: put `: keep-alive` comment lines between events (DeepSeek does). */
  keepAliveComments?: boolean;
  /** Streams: size of tool-call argument fragments (default 8 characters). */
  toolArgumentChunkSize?: number;
}

export interface OpenAIMockOptions {
  /** Path prefix of every route (default `/v1`; DeepSeek serves without it). */
  pathPrefix?: string;
  /** When set, any other bearer key is answered with 401 invalid_api_key. */
  apiKey?: string;
  scenario?: OpenAIMockScenario;
  /** See MockServerOptions; 0 disables recording for benchmarks. */
  maxRecordedRequests?: number;
}

export interface OpenAIMock extends MockUpstream {
  /** `url` + path prefix: what an adapter's baseUrl should be. */
  readonly baseUrl: string;
  setScenario(scenario: OpenAIMockScenario): void;
  /** One-shot scenarios for the next requests, in order. */
  queueScenario(...scenarios: OpenAIMockScenario[]): void;
  resetScenario(): void;
}

type Handler = (request: RecordedRequest, response: ServerResponse, scenario: OpenAIMockScenario) => Promise<void>;

const ROUTES: Record<string, Handler> = {
  "POST /chat/completions": handleChat,
  "POST /completions": handleCompletion,
  "POST /embeddings": handleEmbeddings,
  "POST /audio/transcriptions": (request, response, scenario) => handleAudio(request, response, scenario, "transcribe"),
  "POST /audio/translations": (request, response, scenario) => handleAudio(request, response, scenario, "translate"),
  "POST /images/generations": handleImages,
  "POST /images/edits": handleImages,
  "POST /moderations": handleModeration,
  "GET /models": handleModels,
};

/** A wire-faithful OpenAI API on 127.0.0.1 (also the base of the OpenAI-compatible vendor mocks). */
export async function startOpenAIMock(options: OpenAIMockOptions = {}): Promise<OpenAIMock> {
  const prefix = options.pathPrefix ?? "/v1";
  const scenarios = new ScenarioQueue<OpenAIMockScenario>(options.scenario ?? {});
  let routedRequests = 0;
  const server = await startMockServer({
    maxRecordedRequests: options.maxRecordedRequests,
    async handle({ request, response }) {
      const scenario = scenarios.next();
      const route = request.path.startsWith(prefix) ? request.path.slice(prefix.length) : request.path;
      const handler = ROUTES[`${request.method} ${route}`];
      if (handler === undefined) {
        await sendJson(response, 404, openAIErrorBody({ status: 404, code: "unknown_url", message: `Unknown request URL: ${request.method} ${request.path}` }));
        return;
      }
      const authError = checkBearer(request, options.apiKey);
      const failsNow = scenario.errorShare === undefined || takesShare(routedRequests, scenario.errorShare);
      routedRequests += 1;
      const error = authError ?? (failsNow ? scenario.error : undefined);
      if (error !== undefined) {
        await sendJson(response, error.status, openAIErrorBody(error), scenario, openAIErrorHeaders(error));
        return;
      }
      await handler(request, response, scenario);
    },
  });
  return Object.assign(server, {
    baseUrl: server.url + prefix,
    setScenario: (scenario: OpenAIMockScenario) => scenarios.set(scenario),
    queueScenario: (...queued: OpenAIMockScenario[]) => scenarios.queue(...queued),
    resetScenario: () => scenarios.reset(),
  });
}

/** Whether request number `index` (from 0) falls in an evenly spread `share` of all requests. */
function takesShare(index: number, share: number): boolean {
  return Math.floor((index + 1) * share) > Math.floor(index * share);
}

export function checkBearer(request: RecordedRequest, apiKey: string | undefined): OpenAIErrorSpec | undefined {
  if (apiKey === undefined) return undefined;
  const header = request.headers.authorization;
  if (header === undefined) return { status: 401, code: null, message: "You didn't provide an API key." };
  if (header !== `Bearer ${apiKey}`) return { status: 401, code: "invalid_api_key" };
  return undefined;
}

async function handleChat(request: RecordedRequest, response: ServerResponse, scenario: OpenAIMockScenario): Promise<void> {
  const body = request.body as Record<string, unknown>;
  const identity = { id: "chatcmpl-mock1", created: 1735000001, model: String(body.model) };
  if (body.stream !== true) {
    await sendJson(response, 200, chatCompletionBody(identity, scenario.reply), scenario, { "x-request-id": "req_mock" });
    return;
  }
  const includeUsage = (body.stream_options as Record<string, unknown> | undefined)?.include_usage === true;
  const chunks = chatChunkBodies(identity, scenario.reply, { includeUsage, toolArgumentChunkSize: scenario.toolArgumentChunkSize });
  await streamFrames(response, openAIFrames(chunks, scenario), scenario);
}

/** Chunk payloads -> SSE frames with the optional keep-alives, in-stream error and `[DONE]`. */
export function openAIFrames(chunks: unknown[], scenario: OpenAIMockScenario): string[] {
  let frames = chunks.map((chunk) => (scenario.keepAliveComments ? ": keep-alive\n\n" : "") + sseFrame(JSON.stringify(chunk)));
  if (scenario.streamErrorAfterEvents !== undefined) {
    frames = frames.slice(0, scenario.streamErrorAfterEvents);
    frames.push(sseFrame(JSON.stringify(openAIErrorBody({ status: 500 }))));
    return frames;
  }
  if (!scenario.omitDone) frames.push(sseFrame("[DONE]"));
  return frames;
}

async function handleModels(_request: RecordedRequest, response: ServerResponse, scenario: OpenAIMockScenario): Promise<void> {
  const models = ["gpt-4o-mini", "text-embedding-3-small", "whisper-1", "dall-e-3", "omni-moderation-latest"];
  await sendJson(response, 200, { object: "list", data: models.map((id) => ({ id, object: "model", created: 1721172741, owned_by: "system" })) }, scenario);
}
