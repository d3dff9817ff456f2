import { describe, expect, it } from "vitest";
import { captureError, collectChat, collectParts } from "../../../test/stream-helpers.js";
import type { ChatCompletionRequest } from "../../spec/chat-types.js";
import { MockAdapter } from "./mock-adapter.js";

const adapter = new MockAdapter(() => 1_735_000_000_000);
const context = { config: { mockStreamDelayMs: 0 } };
const request: ChatCompletionRequest = { model: "mock-1", messages: [{ role: "user", content: "Tell me about Paris" }] };

describe("mock provider", () => {
  it("answers deterministically, labelled as a mock, with token usage", async () => {
    const first = await adapter.chat(request, context);
    const second = await adapter.chat(request, context);
    expect(first).toEqual(second);
    expect(first.response.choices[0]?.message.content).toBe('[mock] This is a mock reply from LLM Serve; no model was called. You said: "Tell me about Paris"');
    expect(first.response.created).toBe(1_735_000_000);
    expect(first.usage.completionTokens).toBeGreaterThan(10);
    expect(first.usage.totalTokens).toBe(first.usage.promptTokens + first.usage.completionTokens);
  });

  it("streams the same text word by word with the configured delay", async () => {
    const started = performance.now();
    const streamed = await collectChat(adapter.streamChat(request, { config: { mockStreamDelayMs: 15 } }));
    const whole = await adapter.chat(request, context);
    expect(streamed.text).toBe(whole.response.choices[0]?.message.content);
    const words = streamed.chunks.length - 2;
    expect(performance.now() - started).toBeGreaterThanOrEqual(words * 15 - 5);
    expect(streamed.finishReasons).toEqual(["stop"]);
    expect(streamed.usage).toEqual(whole.usage);
  });

  it("calls a tool when asked to, in both modes", async () => {
    const withTools: ChatCompletionRequest = { ...request, tools: [{ type: "function", function: { name: "get_weather" } }], tool_choice: "required" };
    const { response } = await adapter.chat(withTools, context);
    expect(response.choices[0]).toMatchObject({ finish_reason: "tool_calls", message: { content: null, tool_calls: [{ type: "function", function: { name: "get_weather", arguments: "{}" } }] } });
    const streamed = await collectChat(adapter.streamChat(withTools, context));
    expect(streamed.toolCalls).toEqual([{ id: response.choices[0]?.message.tool_calls?.[0]?.id, name: "get_weather", arguments: "{}" }]);
    expect(streamed.finishReasons).toEqual(["tool_calls"]);
  });

  it("does not call tools when tool_choice is none", async () => {
    const { response } = await adapter.chat({ ...request, messages: [{ role: "user", content: "get_weather please" }], tools: [{ type: "function", function: { name: "get_weather" } }], tool_choice: "none" }, context);
    expect(response.choices[0]?.finish_reason).toBe("stop");
  });

  it("returns unit-length embeddings of a fixed, configurable dimension", async () => {
    const { response } = await adapter.embed({ model: "mock-embed", input: ["a", "b", "a"] }, { config: { mockEmbeddingDimensions: 16 } });
    const vectors = response.data.map((item) => item.embedding as number[]);
    expect(vectors.map((vector) => vector.length)).toEqual([16, 16, 16]);
    expect(vectors[0]).toEqual(vectors[2]);
    expect(vectors[0]).not.toEqual(vectors[1]);
    expect(Math.hypot(...(vectors[0] ?? []))).toBeCloseTo(1, 6);
    const defaults = await adapter.embed({ model: "mock-embed", input: "a" }, context);
    expect((defaults.response.data[0]?.embedding as number[]).length).toBe(256);
  });

  it("answers transcription, images and moderation deterministically", async () => {
    const file = { data: new Uint8Array(10), filename: "a.wav" };
    expect((await adapter.transcribe({ file, model: "mock-whisper", response_format: "text" }, context)).response).toBe("[mock] Mock transcription of a.wav (10 bytes).");
    const images = await adapter.generateImage({ prompt: "otter", n: 2, response_format: "b64_json" }, context);
    expect(images.usage.images).toBe(2);
    const moderation = await adapter.moderate({ input: ["fine", "mock-flag this"] }, context);
    expect(moderation.response.results.map((result) => result.flagged)).toEqual([false, true]);
    const parts = await collectParts(adapter.streamTranscription({ file, model: "mock-whisper" }, context));
    expect(parts.at(-2)).toEqual({ type: "chunk", chunk: { type: "transcript.text.done", text: "[mock] Mock transcription of a.wav (10 bytes)." } });
  });

  it("stops streaming when the caller aborts", async () => {
    const controller = new AbortController();
    const iterator = adapter.streamChat(request, { config: { mockStreamDelayMs: 1_000 }, signal: controller.signal })[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next();
    controller.abort();
    const error = await captureError(() => pending);
    expect((error as Error).name).toBe("AbortError");
  });
});
