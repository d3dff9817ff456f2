import type { ServerResponse } from "node:http";
import type { MockKnobs } from "./mock-knobs.js";
import { DEFAULT_TRANSCRIPT, deterministicVector, replyText, replyUsage, splitIntoPieces, toBase64Floats, type MockChatReply } from "./mock-reply.js";
import type { RecordedForm, RecordedRequest } from "./recorded-request.js";
import { sendJson, sendText, sseFrame, streamFrames } from "./respond.js";

/** Non-chat OpenAI endpoints, shared by the OpenAI and Azure mocks. */

export interface MediaScenario extends MockKnobs {
  reply?: MockChatReply;
  transcript?: string;
  /** Audio length reported in duration usage (default 3). */
  audioSeconds?: number;
  /** Forces every moderation result to flagged/unflagged (default: flagged when the text says "kill"). */
  flagged?: boolean;
  /** Embedding length when the request has no `dimensions` (default 8). */
  embeddingDimensions?: number;
  omitDone?: boolean;
}

type Body = Record<string, unknown>;

export async function handleCompletion(request: RecordedRequest, response: ServerResponse, scenario: MediaScenario): Promise<void> {
  const body = request.body as Body;
  const base = { id: "cmpl-mock1", object: "text_completion", created: 1735000002, model: String(body.model) };
  const usage = replyUsage(scenario.reply);
  const usageBody = usage === null ? undefined : { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens };
  const finishReason = scenario.reply?.finishReason ?? "stop";
  const text = replyText(scenario.reply);
  if (body.stream !== true) {
    await sendJson(response, 200, { ...base, choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }], ...(usageBody ? { usage: usageBody } : {}) }, scenario);
    return;
  }
  const includeUsage = (body.stream_options as Body | undefined)?.include_usage === true;
  const frames = splitIntoPieces(text).map((piece) => sseFrame(JSON.stringify({ ...base, choices: [{ text: piece, index: 0, logprobs: null, finish_reason: null }] })));
  frames.push(sseFrame(JSON.stringify({ ...base, choices: [{ text: "", index: 0, logprobs: null, finish_reason: finishReason }] })));
  if (includeUsage && usageBody) frames.push(sseFrame(JSON.stringify({ ...base, choices: [], usage: usageBody })));
  if (!scenario.omitDone) frames.push(sseFrame("[DONE]"));
  await streamFrames(response, frames, scenario);
}

export async function handleEmbeddings(request: RecordedRequest, response: ServerResponse, scenario: MediaScenario): Promise<void> {
  const body = request.body as Body;
  const inputs = Array.isArray(body.input) ? (body.input as unknown[]) : [body.input];
  const dimensions = typeof body.dimensions === "number" ? body.dimensions : (scenario.embeddingDimensions ?? 8);
  const data = inputs.map((input, index) => {
    const vector = deterministicVector(JSON.stringify(input), dimensions);
    return { object: "embedding", index, embedding: body.encoding_format === "base64" ? toBase64Floats(vector) : vector };
  });
  const promptTokens = scenario.reply?.usage?.promptTokens ?? inputs.length * 4;
  await sendJson(response, 200, { object: "list", data, model: String(body.model), usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } }, scenario);
}

export async function handleAudio(
  request: RecordedRequest,
  response: ServerResponse,
  scenario: MediaScenario,
  task: "transcribe" | "translate",
): Promise<void> {
  const form = request.body as RecordedForm;
  const format = String(form.fields.response_format ?? "json");
  const text = scenario.transcript ?? DEFAULT_TRANSCRIPT;
  const seconds = scenario.audioSeconds ?? 3;
  if (task === "transcribe" && form.fields.stream === "true" && form.fields.model !== "whisper-1") {
    const frames = splitIntoPieces(text).map((delta) => sseFrame(JSON.stringify({ type: "transcript.text.delta", delta })));
    const usage = { type: "tokens", input_tokens: 14, input_token_details: { text_tokens: 0, audio_tokens: 14 }, output_tokens: frames.length, total_tokens: 14 + frames.length };
    frames.push(sseFrame(JSON.stringify({ type: "transcript.text.done", text, usage })));
    await streamFrames(response, frames, scenario);
    return;
  }
  if (format === "text") return sendText(response, 200, `${text}\n`, "text/plain; charset=utf-8", scenario);
  if (format === "srt") return sendText(response, 200, `1\n00:00:00,000 --> 00:00:03,000\n${text}\n`, "text/plain; charset=utf-8", scenario);
  if (format === "vtt") return sendText(response, 200, `WEBVTT\n\n00:00:00.000 --> 00:00:03.000\n${text}\n`, "text/plain; charset=utf-8", scenario);
  if (format === "verbose_json") {
    const segment = { id: 0, seek: 0, start: 0, end: seconds, text: ` ${text}`, tokens: [1, 2, 3], temperature: 0, avg_logprob: -0.2, compression_ratio: 1.1, no_speech_prob: 0.01 };
    await sendJson(response, 200, { task, language: "english", duration: seconds, text, segments: [segment], usage: { type: "duration", seconds } }, scenario);
    return;
  }
  await sendJson(response, 200, { text, usage: { type: "duration", seconds } }, scenario);
}

export async function handleImages(request: RecordedRequest, response: ServerResponse, scenario: MediaScenario): Promise<void> {
  const fields = isForm(request.body) ? request.body.fields : (request.body as Body);
  const count = Number(fields.n ?? 1);
  const wantsBase64 = fields.response_format === "b64_json" || String(fields.model ?? "").startsWith("gpt-image");
  const data = Array.from({ length: count }, (_, index) =>
    wantsBase64 ? { b64_json: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==" } : { url: `https://files.mock.invalid/img-${index + 1}.png`, revised_prompt: String(fields.prompt ?? "") },
  );
  await sendJson(response, 200, { created: 1735000003, data }, scenario);
}

export async function handleModeration(request: RecordedRequest, response: ServerResponse, scenario: MediaScenario): Promise<void> {
  const body = request.body as Body;
  const inputs = typeof body.input === "string" ? [body.input] : Array.isArray(body.input) && body.input.every((item) => typeof item === "string") ? (body.input as string[]) : [JSON.stringify(body.input)];
  const results = inputs.map((text) => {
    const flagged = scenario.flagged ?? /\bkill\b/i.test(text);
    return {
      flagged,
      categories: { harassment: false, hate: false, sexual: false, violence: flagged },
      category_scores: { harassment: 0.01, hate: 0.01, sexual: 0.001, violence: flagged ? 0.97 : 0.02 },
      category_applied_input_types: { harassment: ["text"], hate: ["text"], sexual: ["text"], violence: ["text"] },
    };
  });
  await sendJson(response, 200, { id: "modr-mock1", model: String(body.model ?? "omni-moderation-latest"), results }, scenario);
}

function isForm(body: unknown): body is RecordedForm {
  return typeof body === "object" && body !== null && "fields" in body && "files" in body;
}
