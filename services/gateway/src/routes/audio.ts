import { Router, type Request, type Response } from "express";
import { AppError } from "@llm-serve/common";
import {
  createUsage,
  type AdapterResult,
  type AudioResponseFormat,
  type CallContext,
  type ProviderAdapter,
  type TranscriptionRequest,
  type TranscriptionResponse,
  type TranslationRequest,
} from "@llm-serve/adapters";
import { formFields, readMultipart } from "../http/multipart.js";
import { executeStream } from "../pipeline/execute-stream.js";
import { executeUnary } from "../pipeline/execute-unary.js";
import { beginCall } from "../pipeline/gateway-call.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import { audioFormSchema } from "../validation/form-requests.js";
import { parseBody } from "../validation/parse-body.js";

type AudioTask = "transcription" | "translation";
type Invoke = (adapter: ProviderAdapter, upstreamModel: string, context: CallContext) => Promise<AdapterResult<TranscriptionResponse>>;

/** POST /v1/audio/transcriptions and /v1/audio/translations (multipart; `stream=true` gives SSE). */
export function audioRouter(deps: PipelineDeps, maxUploadBytes: () => number): Router {
  const router = Router();
  router.post("/v1/audio/transcriptions", (request, response) => handle(deps, maxUploadBytes(), "transcription", request, response));
  router.post("/v1/audio/translations", (request, response) => handle(deps, maxUploadBytes(), "translation", request, response));
  return router;
}

async function handle(deps: PipelineDeps, maxBytes: number, task: AudioTask, request: Request, response: Response): Promise<void> {
  const form = await readMultipart(request, { maxBytes, maxFiles: 1 });
  const fields = parseBody(audioFormSchema, formFields(form));
  const file = form.files.file?.[0];
  if (!file) throw new AppError("invalid_request", "Missing required parameter: 'file'.", { details: { param: "file" } });
  const { stream, timestamp_granularities: granularities, ...rest } = fields;
  const audioRequest: TranscriptionRequest = {
    ...rest,
    file,
    model: fields.model,
    ...(fields.response_format ? { response_format: fields.response_format as AudioResponseFormat } : {}),
    ...(granularities ? { timestamp_granularities: Array.isArray(granularities) ? granularities : [granularities] } : {}),
  };
  const endpoint = task === "transcription" ? "audio.transcriptions" : "audio.translations";
  const call = beginCall(request, response, endpoint, fields.model, stream === true);
  const invoke: Invoke = (adapter, upstreamModel, context) =>
    task === "transcription"
      ? adapter.transcribe({ ...audioRequest, model: upstreamModel }, context)
      : adapter.translate({ ...audioRequest, model: upstreamModel } as TranslationRequest, context);
  // Audio requests keep their own parameters: the model's policy governs text sampling only.

  if (stream !== true) {
    const result = await executeUnary(deps, call, { estimatedTokens: 0, invoke: (adapter, deployment, context) => invoke(adapter, deployment.upstreamModel, context) });
    sendTranscription(response, result.headers, result.response);
    return;
  }
  await executeStream<unknown>(deps, call, response, {
    estimatedTokens: 0,
    sendDone: false,
    open: (adapter, deployment, context) => {
      // Models with a native stream (gpt-4o-transcribe and kin) speak OpenAI's transcript.text.*
      // events; for the others the gateway streams the finished text as `{text|translation, timestamp}`.
      if (task === "transcription" && adapter.capabilities(deployment.upstreamModel).audioTranscriptionStreaming) {
        return adapter.streamTranscription({ ...audioRequest, model: deployment.upstreamModel }, context);
      }
      return timestampedEvents(task, () => invoke(adapter, deployment.upstreamModel, context));
    },
    onDelivered: () => undefined,
    estimateDelivered: async () => createUsage({ estimated: true }),
  });
}

async function* timestampedEvents(task: AudioTask, run: () => Promise<AdapterResult<TranscriptionResponse>>) {
  const { response, usage } = await run();
  const key = task === "transcription" ? "text" : "translation";
  const segments = typeof response === "object" && Array.isArray(response.segments) ? (response.segments as Array<{ start?: number; text?: string }>) : undefined;
  if (segments && segments.length > 0) {
    for (const segment of segments) yield { type: "chunk" as const, chunk: { [key]: segment.text ?? "", timestamp: segment.start ?? 0 } };
  } else {
    yield { type: "chunk" as const, chunk: { [key]: typeof response === "string" ? response : response.text, timestamp: 0 } };
  }
  yield { type: "usage" as const, usage };
}

function sendTranscription(response: Response, headers: Record<string, string>, body: TranscriptionResponse): void {
  response.set(headers);
  if (typeof body === "string") response.type("text/plain; charset=utf-8").send(body);
  else response.json(body);
}
