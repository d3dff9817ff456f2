import { startOpenAIMock, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { captureError, collectParts } from "../../../test/stream-helpers.js";
import { UndiciTransport } from "../../http/undici-transport.js";
import type { CallContext } from "../../spec/call-context.js";
import type { Completion, FileInput, TranscriptionStreamEvent } from "../../spec/endpoint-types.js";
import { countTokens } from "../../tokenizer/token-counter.js";
import { createOpenAIAdapter } from "./openai-adapter.js";

const transport = new UndiciTransport();
const adapter = createOpenAIAdapter(transport);
let upstream: OpenAIMock;
let context: CallContext;
const audio: FileInput = { data: new Uint8Array([82, 73, 70, 70, 0, 1, 2, 3]), filename: "hello.wav", contentType: "audio/wav" };

beforeAll(async () => {
  upstream = await startOpenAIMock({ apiKey: "sk-good" });
  context = { config: { apiKey: "sk-good", baseUrl: upstream.baseUrl } };
});
afterEach(() => upstream.resetScenario());
afterAll(async () => {
  await transport.close();
  await upstream.close();
});

describe("OpenAI adapter: legacy completions", () => {
  it("returns text, usage and finish reason", async () => {
    upstream.setScenario({ reply: { text: " world", finishReason: "length", usage: { promptTokens: 2, completionTokens: 16 } } });
    const { response, usage } = await adapter.complete({ model: "gpt-3.5-turbo-instruct", prompt: "Hello" }, context);
    expect(response.choices).toEqual([{ text: " world", index: 0, logprobs: null, finish_reason: "length" }]);
    expect(usage).toMatchObject({ promptTokens: 2, completionTokens: 16, totalTokens: 18, estimated: false });
  });

  it("streams text with usage requested through stream_options", async () => {
    upstream.setScenario({ reply: { text: "a b c", usage: { promptTokens: 1, completionTokens: 3 } } });
    const parts = await collectParts(adapter.streamComplete({ model: "gpt-3.5-turbo-instruct", prompt: "x" }, context));
    const chunks = parts.flatMap((part) => (part.type === "chunk" ? [part.chunk as Completion] : []));
    expect(chunks.map((chunk) => chunk.choices[0]?.text).join("")).toBe("a b c");
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(parts.at(-1)).toEqual({ type: "usage", usage: expect.objectContaining({ promptTokens: 1, completionTokens: 3, estimated: false }) });
    expect(upstream.lastRequest?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});

describe("OpenAI adapter: embeddings", () => {
  it("returns float vectors of the requested dimension with usage", async () => {
    const { response, usage } = await adapter.embed({ model: "text-embedding-3-small", input: ["a", "b"], dimensions: 4 }, context);
    expect(response.data).toHaveLength(2);
    expect(response.data[0]?.embedding).toHaveLength(4);
    expect(usage).toMatchObject({ promptTokens: 8, totalTokens: 8, estimated: false });
  });

  it("passes base64 encoding through", async () => {
    const { response } = await adapter.embed({ model: "text-embedding-3-small", input: "a", encoding_format: "base64", dimensions: 2 }, context);
    const bytes = Buffer.from(response.data[0]?.embedding as string, "base64");
    expect(bytes.length).toBe(8);
  });
});

describe("OpenAI adapter: audio", () => {
  it("transcribes with JSON output and duration usage, sending multipart", async () => {
    upstream.setScenario({ transcript: "hello there", audioSeconds: 7 });
    const { response, usage } = await adapter.transcribe({ file: audio, model: "whisper-1", language: "en" }, context);
    expect(response).toEqual({ text: "hello there", usage: { type: "duration", seconds: 7 } });
    expect(usage).toMatchObject({ audioSeconds: 7, estimated: false });
    expect(upstream.lastRequest?.body).toEqual({
      fields: { model: "whisper-1", language: "en" },
      files: { file: { filename: "hello.wav", contentType: "audio/wav", size: 8 } },
    });
  });

  it("returns plain text for response_format text and estimates usage", async () => {
    upstream.setScenario({ transcript: "hello there" });
    const { response, usage } = await adapter.transcribe({ file: audio, model: "whisper-1", response_format: "text" }, context);
    expect(response).toBe("hello there\n");
    expect(usage).toMatchObject({ completionTokens: await countTokens("hello there\n"), audioSeconds: 0, estimated: true });
  });

  it("streams a transcription (gpt-4o-transcribe) with token usage from the done event", async () => {
    upstream.setScenario({ transcript: "I see skies" });
    const parts = await collectParts(adapter.streamTranscription({ file: audio, model: "gpt-4o-transcribe" }, context));
    const events = parts.flatMap((part) => (part.type === "chunk" ? [part.chunk as TranscriptionStreamEvent] : []));
    expect(events.filter((event) => event.type === "transcript.text.delta").map((event) => (event as { delta: string }).delta).join("")).toBe("I see skies");
    expect(events.at(-1)).toMatchObject({ type: "transcript.text.done", text: "I see skies" });
    expect(parts.at(-1)).toEqual({ type: "usage", usage: expect.objectContaining({ promptTokens: 14, completionTokens: 3, totalTokens: 17 }) });
    expect(upstream.lastRequest?.body).toMatchObject({ fields: { stream: "true" } });
  });

  it("translates audio", async () => {
    upstream.setScenario({ transcript: "good morning" });
    const { response } = await adapter.translate({ file: audio, model: "whisper-1", response_format: "verbose_json" }, context);
    expect(response).toMatchObject({ task: "translate", text: "good morning" });
    expect(upstream.lastRequest?.path).toBe("/v1/audio/translations");
  });

  it("refuses streaming transcription for whisper-1 without calling upstream", async () => {
    const before = upstream.requests.length;
    const error = await captureError(() => collectParts(adapter.streamTranscription({ file: audio, model: "whisper-1" }, context)));
    expect(error).toMatchObject({ type: "unsupported", retryable: false });
    expect(upstream.requests.length).toBe(before);
  });
});

describe("OpenAI adapter: images and moderation", () => {
  it("generates images and counts them in usage", async () => {
    const { response, usage } = await adapter.generateImage({ model: "dall-e-3", prompt: "an otter", n: 2 }, context);
    expect(response.data).toHaveLength(2);
    expect(response.data[0]?.url).toMatch(/^https:\/\//);
    expect(usage).toMatchObject({ images: 2, estimated: false });
  });

  it("edits an image with a multipart upload", async () => {
    const image: FileInput = { data: new Uint8Array([137, 80, 78, 71]), filename: "in.png", contentType: "image/png" };
    const { response, usage } = await adapter.editImage({ model: "dall-e-2", image, mask: image, prompt: "add a hat", response_format: "b64_json" }, context);
    expect(response.data[0]?.b64_json).toBeTypeOf("string");
    expect(usage.images).toBe(1);
    expect(upstream.lastRequest?.body).toMatchObject({
      fields: { model: "dall-e-2", prompt: "add a hat", response_format: "b64_json" },
      files: { image: { filename: "in.png", size: 4 }, mask: { filename: "in.png" } },
    });
  });

  it("moderates text", async () => {
    const { response, usage } = await adapter.moderate({ input: ["I will kill the process", "hello"] }, context);
    expect(response.results.map((result) => result.flagged)).toEqual([true, false]);
    expect(usage.estimated).toBe(true);
    expect(usage.promptTokens).toBeGreaterThan(0);
  });
});
