import { readJsonEvents } from "../http/read-json-events.js";
import type { CallContext } from "../spec/call-context.js";
import type { Completion, CompletionChoice, CompletionRequest } from "../spec/endpoint-types.js";
import type { AdapterResult, StreamPart } from "../spec/stream-part.js";
import { toOpenAIUsage, type Usage } from "../spec/usage.js";
import { estimateTextUsage, promptTexts } from "../tokenizer/estimate-usage.js";
import { normalizeOpenAIUsage } from "./normalize-openai-usage.js";
import { extractErrorObject, parseOpenAIStreamError } from "./parse-openai-error.js";
import { postForStream, postJson, type OpenAIEndpointDeps } from "./openai-request.js";
import { truncatedStreamError } from "./stream-openai-chat.js";

type RawObject = Record<string, unknown>;

export async function openAIComplete(deps: OpenAIEndpointDeps, request: CompletionRequest, context: CallContext): Promise<AdapterResult<Completion>> {
  const { stream: _stream, stream_options: _options, ...body } = request;
  const answer = await postJson(deps, "/completions", request.model, body, context);
  const response = parseCompletion(answer.json as RawObject, deps, request.model);
  const usage =
    normalizeOpenAIUsage((answer.json as RawObject).usage) ??
    (await estimateTextUsage(promptTexts(request.prompt), response.choices.map((choice) => choice.text)));
  return { response: { ...response, usage: toOpenAIUsage(usage) }, usage };
}

export async function* openAIStreamComplete(deps: OpenAIEndpointDeps, request: CompletionRequest, context: CallContext): AsyncGenerator<StreamPart<Completion>> {
  const body: RawObject = { ...request, stream: true };
  if (deps.settings.streamUsageOption) body.stream_options = { include_usage: true };
  const response = await postForStream(deps, "/completions", request.model, body, context);
  let usage: Usage | undefined;
  let text = "";
  let finished = false;
  for await (const { json } of readJsonEvents(deps.settings.provider, response)) {
    if (extractErrorObject(json) !== undefined) throw parseOpenAIStreamError(deps.settings.provider, json, deps.settings.parseError, deps.settings.inBodyErrorStatus);
    const raw = json as RawObject;
    usage = normalizeOpenAIUsage(raw.usage) ?? usage;
    const chunk = parseCompletion(raw, deps, request.model);
    if (chunk.choices.length === 0) continue;
    for (const choice of chunk.choices) {
      text += choice.text;
      if (choice.finish_reason !== null) finished = true;
    }
    yield { type: "chunk", chunk };
  }
  if (!finished) throw truncatedStreamError(deps.settings.provider);
  yield { type: "usage", usage: usage ?? (await estimateTextUsage(promptTexts(request.prompt), [text])) };
}

function parseCompletion(raw: RawObject, deps: OpenAIEndpointDeps, model: string): Completion {
  const choices = Array.isArray(raw.choices) ? (raw.choices as RawObject[]) : [];
  return {
    id: String(raw.id ?? ""),
    object: "text_completion",
    created: typeof raw.created === "number" ? raw.created : Math.floor(Date.now() / 1000),
    model: typeof raw.model === "string" ? raw.model : model,
    choices: choices.map(
      (choice, position): CompletionChoice => ({
        text: typeof choice.text === "string" ? choice.text : "",
        index: typeof choice.index === "number" ? choice.index : position,
        logprobs: choice.logprobs ?? null,
        finish_reason: deps.settings.mapFinishReason(choice.finish_reason),
      }),
    ),
  };
}
