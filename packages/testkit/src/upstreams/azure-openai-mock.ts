import type { ServerResponse } from "node:http";
import type { MockKnobs } from "./mock-knobs.js";
import type { MockChatReply } from "./mock-reply.js";
import { handleAudio, handleCompletion, handleEmbeddings, handleImages, type MediaScenario } from "./openai-endpoints.js";
import { chatChunkBodies, chatCompletionBody } from "./openai-format.js";
import { openAIFrames, type OpenAIMockScenario } from "./openai-mock.js";
import type { RecordedRequest } from "./recorded-request.js";
import { sendJson, streamFrames } from "./respond.js";
import { startVendorMock, type VendorHandler, type VendorMock } from "./vendor-mock.js";

export interface AzureErrorSpec {
  status: number;
  /** Azure puts the status as a string ("429") or a name ("DeploymentNotFound", "content_filter"). */
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  body?: unknown;
}

export interface AzureOpenAIMockScenario extends MockKnobs, MediaScenario {
  reply?: MockChatReply;
  error?: AzureErrorSpec;
  streamErrorAfterEvents?: number;
  toolArgumentChunkSize?: number;
}

export interface AzureOpenAIMockOptions {
  /** When set, the `api-key` header must match. */
  apiKey?: string;
  /** Deployment id -> underlying model; other deployments answer 404 DeploymentNotFound (default: any). */
  deployments?: Record<string, string>;
  scenario?: AzureOpenAIMockScenario;
  maxRecordedRequests?: number;
}

export type AzureOpenAIMock = VendorMock<AzureOpenAIMockScenario>;

const FILTER_RESULTS = { hate: { filtered: false, severity: "safe" }, self_harm: { filtered: false, severity: "safe" }, sexual: { filtered: false, severity: "safe" }, violence: { filtered: false, severity: "safe" } };

export function azureErrorBody(spec: AzureErrorSpec): unknown {
  if (spec.body !== undefined) return spec.body;
  const message =
    spec.message ??
    (spec.status === 429
      ? `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current tier. Please retry after ${spec.retryAfterSeconds ?? 6} seconds.`
      : `mock azure error ${spec.status}`);
  const error: Record<string, unknown> = { code: spec.code ?? String(spec.status), message };
  if (spec.code === "content_filter") Object.assign(error, { param: "prompt", status: 400, innererror: { code: "ResponsibleAIPolicyViolation", content_filter_result: { ...FILTER_RESULTS, violence: { filtered: true, severity: "high" } } } });
  return { error };
}

/** Azure OpenAI: `/openai/deployments/{deployment}/...?api-version=`, `api-key` auth, content-filter annotations. */
export function startAzureOpenAIMock(options: AzureOpenAIMockOptions = {}): Promise<AzureOpenAIMock> {
  const routes: Record<string, VendorHandler<AzureOpenAIMockScenario>> = {
    "/chat/completions": handleChat,
    "/completions": handleCompletion,
    "/embeddings": handleEmbeddings,
    "/audio/transcriptions": (request, response, scenario) => handleAudio(request, response, scenario, "transcribe"),
    "/audio/translations": (request, response, scenario) => handleAudio(request, response, scenario, "translate"),
    "/images/generations": handleImages,
  };
  return startVendorMock<AzureOpenAIMockScenario, AzureErrorSpec>(
    {
      pathPrefix: "/openai",
      route(method, path) {
        if (method === "GET" && path === "/models") return (_request, response, scenario) => sendJson(response, 200, { data: [{ id: "gpt-4o-mini", object: "model" }], object: "list" }, scenario);
        const match = /^\/deployments\/([^/]+)(\/.*)$/.exec(path);
        if (method !== "POST" || match === null) return undefined;
        const handler = routes[match[2] ?? ""];
        const deployment = decodeURIComponent(match[1] ?? "");
        if (handler === undefined) return undefined;
        return (request, response, scenario) => {
          if (options.deployments !== undefined && options.deployments[deployment] === undefined) {
            return sendJson(response, 404, azureErrorBody({ status: 404, code: "DeploymentNotFound", message: "The API deployment for this resource does not exist." }));
          }
          // The deployment selects the model; the body's model is ignored.
          (request.body as Record<string, unknown>).model = options.deployments?.[deployment] ?? deployment;
          return handler(request, response, scenario);
        };
      },
      authenticate(request) {
        if (request.query["api-version"] === undefined) return { status: 404, code: "404", message: "Resource not found" };
        if (options.apiKey !== undefined && request.headers["api-key"] !== options.apiKey) {
          return { status: 401, code: "401", message: "Access denied due to invalid subscription key or wrong API endpoint." };
        }
        return undefined;
      },
      async sendError(response, error, scenario) {
        const seconds = error.retryAfterSeconds ?? (error.status === 429 ? 6 : undefined);
        const headers: Record<string, string> = seconds === undefined ? {} : { "retry-after": String(seconds), "retry-after-ms": String(seconds * 1000) };
        await sendJson(response, error.status, azureErrorBody(error), scenario, { "apim-request-id": "mock-apim", ...headers });
      },
    },
    options,
  );
}

async function handleChat(request: RecordedRequest, response: ServerResponse, scenario: AzureOpenAIMockScenario): Promise<void> {
  const body = request.body as Record<string, unknown>;
  const identity = { id: "chatcmpl-azure1", created: 1735000001, model: String(body.model) };
  const promptFilter = { prompt_filter_results: [{ prompt_index: 0, content_filter_results: FILTER_RESULTS }] };
  if (body.stream !== true) {
    const completion = chatCompletionBody(identity, scenario.reply);
    const choices = (completion.choices as Array<Record<string, unknown>>).map((choice) => ({ ...choice, content_filter_results: FILTER_RESULTS }));
    await sendJson(response, 200, { ...completion, choices, ...promptFilter }, scenario);
    return;
  }
  const includeUsage = (body.stream_options as Record<string, unknown> | undefined)?.include_usage === true;
  // Azure's first chunk carries only the prompt filter results: no choices, empty id and model.
  const preamble = { id: "", object: "", created: 0, model: "", choices: [], ...promptFilter };
  const chunks = [preamble, ...chatChunkBodies(identity, scenario.reply, { includeUsage, toolArgumentChunkSize: scenario.toolArgumentChunkSize })];
  await streamFrames(response, openAIFrames(chunks, scenario as OpenAIMockScenario), scenario);
}
