import { parseJsonOrUndefined, protocolError } from "../http/call-upstream.js";
import { readJsonEvents } from "../http/read-json-events.js";
import type { CallContext } from "../spec/call-context.js";
import type {
  AudioUsage,
  FileInput,
  TranscriptionJson,
  TranscriptionRequest,
  TranscriptionResponse,
  TranscriptionStreamEvent,
  TranslationRequest,
} from "../spec/endpoint-types.js";
import type { AdapterResult, StreamPart } from "../spec/stream-part.js";
import { createUsage, type Usage } from "../spec/usage.js";
import { countTokens } from "../tokenizer/token-counter.js";
import { extractErrorObject, parseOpenAIStreamError } from "./parse-openai-error.js";
import { postForm, type OpenAIEndpointDeps } from "./openai-request.js";
import { truncatedStreamError } from "./stream-openai-chat.js";

const TEXT_FORMATS = new Set(["text", "srt", "vtt"]);

export async function openAITranscribe(
  deps: OpenAIEndpointDeps,
  request: TranscriptionRequest | TranslationRequest,
  context: CallContext,
  path: "/audio/transcriptions" | "/audio/translations",
): Promise<AdapterResult<TranscriptionResponse>> {
  const response = await postForm(deps, path, request.model, buildAudioForm(request, false), context);
  const text = await response.text();
  if (TEXT_FORMATS.has(request.response_format ?? "json")) {
    return { response: text, usage: await estimateTranscriptUsage(text) };
  }
  const json = parseJsonOrUndefined(text);
  if (typeof json !== "object" || json === null) throw protocolError(deps.settings.provider, "Upstream transcription is not JSON", text.slice(0, 500));
  const transcription = json as TranscriptionJson;
  return { response: transcription, usage: await audioUsage(transcription.usage, transcription) };
}

export async function* openAIStreamTranscription(
  deps: OpenAIEndpointDeps,
  request: TranscriptionRequest,
  context: CallContext,
): AsyncGenerator<StreamPart<TranscriptionStreamEvent>> {
  const response = await postForm(deps, "/audio/transcriptions", request.model, buildAudioForm(request, true), context);
  let usage: Usage | undefined;
  for await (const { json } of readJsonEvents(deps.settings.provider, response)) {
    if (extractErrorObject(json) !== undefined) throw parseOpenAIStreamError(deps.settings.provider, json, deps.settings.parseError, deps.settings.inBodyErrorStatus);
    const event = json as TranscriptionStreamEvent;
    yield { type: "chunk", chunk: event };
    if (event.type === "transcript.text.done") {
      usage = await audioUsage(event.usage, { text: event.text });
      break;
    }
  }
  if (usage === undefined) throw truncatedStreamError(deps.settings.provider);
  yield { type: "usage", usage };
}

export function buildAudioForm(request: TranscriptionRequest | TranslationRequest, stream: boolean): FormData {
  const form = new FormData();
  form.append("file", toBlob(request.file), request.file.filename);
  form.append("model", request.model);
  for (const [name, value] of Object.entries(request)) {
    if (name === "file" || name === "model" || value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) form.append(`${name}[]`, String(item));
    else form.append(name, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  if (stream) form.append("stream", "true");
  return form;
}

export function toBlob(file: FileInput): Blob {
  return new Blob([file.data as Uint8Array<ArrayBuffer>], { type: file.contentType ?? "application/octet-stream" });
}

async function audioUsage(usage: AudioUsage | undefined, transcription: { text: string; duration?: number }): Promise<Usage> {
  if (usage?.type === "duration") return createUsage({ audioSeconds: usage.seconds });
  if (usage?.type === "tokens") {
    return createUsage({ promptTokens: usage.input_tokens, completionTokens: usage.output_tokens, totalTokens: usage.total_tokens });
  }
  if (typeof transcription.duration === "number") return createUsage({ audioSeconds: transcription.duration });
  return estimateTranscriptUsage(transcription.text);
}

/** Text formats carry no usage: count the transcript's tokens; the audio length is unknown. */
async function estimateTranscriptUsage(text: string): Promise<Usage> {
  return createUsage({ completionTokens: await countTokens(text), estimated: true });
}
