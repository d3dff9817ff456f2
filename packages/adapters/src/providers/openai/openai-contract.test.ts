import { startOpenAIMock, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { captureError, collectChat, collectParts } from "../../../test/stream-helpers.js";
import { UndiciTransport } from "../../http/undici-transport.js";
import type { CallContext } from "../../spec/call-context.js";
import type { ChatCompletionRequest } from "../../spec/chat-types.js";
import { createOpenAIAdapter } from "./openai-adapter.js";

const transport = new UndiciTransport();
const adapter = createOpenAIAdapter(transport);
let upstream: OpenAIMock;
let context: CallContext;

const weatherTool = { type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } };
const question: ChatCompletionRequest = { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] };

beforeAll(async () => {
  upstream = await startOpenAIMock({ apiKey: "sk-good" });
  context = { config: { apiKey: "sk-good", baseUrl: upstream.baseUrl } };
});
afterEach(() => {
  upstream.resetScenario();
  upstream.clearRequests();
});
afterAll(async () => {
  await transport.close();
  await upstream.close();
});

describe("OpenAI adapter against the OpenAI mock upstream: chat", () => {
  it("returns text, exact usage and the finish reason", async () => {
    upstream.setScenario({ reply: { text: "Bonjour !", usage: { promptTokens: 9, completionTokens: 3, cachedTokens: 4, reasoningTokens: 1 } } });
    const { response, usage } = await adapter.chat(question, context);
    expect(response.choices[0]?.message.content).toBe("Bonjour !");
    expect(response.choices[0]?.finish_reason).toBe("stop");
    expect(usage).toEqual({ promptTokens: 9, completionTokens: 3, totalTokens: 12, cachedPromptTokens: 4, reasoningTokens: 1, audioSeconds: 0, images: 0, estimated: false });
    expect(upstream.lastRequest?.headers.authorization).toBe("Bearer sk-good");
    expect(upstream.lastRequest?.body).toEqual({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
  });

  it("streams text pieces, asks for include_usage and ends with the exact usage", async () => {
    upstream.setScenario({ reply: { text: "one two three", usage: { promptTokens: 5, completionTokens: 3 } } });
    const result = await collectChat(adapter.streamChat(question, context));
    expect(result.text).toBe("one two three");
    expect(result.finishReasons).toEqual(["stop"]);
    expect(result.usageParts).toBe(1);
    expect(result.usage).toMatchObject({ promptTokens: 5, completionTokens: 3, totalTokens: 8, estimated: false });
    expect(upstream.lastRequest?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("survives SSE events split across TCP writes mid-line and multi-byte characters", async () => {
    upstream.setScenario({ splitBytes: 5, reply: { text: "北京是中国的首都。 ok", usage: { promptTokens: 2, completionTokens: 9 } } });
    const result = await collectChat(adapter.streamChat(question, context));
    expect(result.text).toBe("北京是中国的首都。 ok");
    expect(result.usage?.completionTokens).toBe(9);
  });

  it("maps a length finish reason in both modes", async () => {
    upstream.setScenario({ reply: { text: "cut", finishReason: "length" } });
    expect((await adapter.chat(question, context)).response.choices[0]?.finish_reason).toBe("length");
    expect((await collectChat(adapter.streamChat(question, context))).finishReasons).toEqual(["length"]);
  });

  it("estimates usage with the tokenizer when the stream carries none", async () => {
    upstream.setScenario({ reply: { text: "Hello from the mock upstream.", usage: null } });
    const result = await collectChat(adapter.streamChat(question, context));
    // "Hello from the mock upstream." is 6 o200k tokens; the prompt is 3 + 3 + "user" + "Hi".
    expect(result.usage).toMatchObject({ completionTokens: 6, estimated: true });
    expect(result.usage?.promptTokens).toBeGreaterThan(6);
  });

  it("sends tool definitions and tool results, and parses tool calls (non-streaming)", async () => {
    upstream.setScenario({ reply: { toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }] } });
    const followUp: ChatCompletionRequest = {
      model: "gpt-4o-mini",
      tools: [weatherTool],
      messages: [
        { role: "user", content: "Weather?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_0", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } }] },
        { role: "tool", tool_call_id: "call_0", content: '{"temp_c":25}' },
      ],
    };
    const { response } = await adapter.chat(followUp, context);
    expect(response.choices[0]?.finish_reason).toBe("tool_calls");
    expect(response.choices[0]?.message.tool_calls).toEqual([{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }]);
    expect(upstream.lastRequest?.body).toMatchObject({ tools: [weatherTool], messages: followUp.messages });
  });

  it("reassembles tool-call argument fragments in a stream", async () => {
    upstream.setScenario({ toolArgumentChunkSize: 3, reply: { toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }, { name: "get_time", arguments: "{}" }] } });
    const result = await collectChat(adapter.streamChat({ ...question, tools: [weatherTool] }, context));
    expect(result.toolCalls).toEqual([
      { id: "call_mock0", name: "get_weather", arguments: '{"city":"Paris"}' },
      { id: "call_mock1", name: "get_time", arguments: "{}" },
    ]);
    expect(result.finishReasons).toEqual(["tool_calls"]);
  });
});

describe("OpenAI adapter against the OpenAI mock upstream: errors", () => {
  const cases = [
    { status: 400, type: "invalid_request", retryable: false, vendorCode: "invalid_request_error" },
    { status: 401, type: "authentication", retryable: false, vendorCode: "invalid_api_key" },
    { status: 404, type: "not_found", retryable: false, vendorCode: "model_not_found" },
    { status: 429, type: "rate_limit", retryable: true, vendorCode: "rate_limit_exceeded", retryAfterMs: 3000, retryAfterSeconds: 3 },
    { status: 500, type: "server", retryable: true, vendorCode: "server_error" },
    { status: 503, type: "overloaded", retryable: true, vendorCode: "server_error" },
  ];
  for (const expected of cases) {
    it(`maps HTTP ${expected.status} to ${expected.type} (retryable: ${expected.retryable})`, async () => {
      upstream.setScenario({ error: { status: expected.status, retryAfterSeconds: expected.retryAfterSeconds } });
      const error = await captureError(() => adapter.chat(question, context));
      expect(error).toMatchObject({ name: "UpstreamError", provider: "openai", status: expected.status, type: expected.type, retryable: expected.retryable, vendorCode: expected.vendorCode });
      if (expected.retryAfterMs !== undefined) expect(error).toMatchObject({ retryAfterMs: expected.retryAfterMs });
    });
  }

  it("treats 429 insufficient_quota as a non-retryable quota error", async () => {
    upstream.setScenario({ error: { status: 429, code: "insufficient_quota" } });
    expect(await captureError(() => adapter.chat(question, context))).toMatchObject({ status: 429, type: "quota", vendorCode: "insufficient_quota", retryable: false });
  });

  it("reports a wrong key as authentication, including on streams", async () => {
    const wrongKey = { config: { ...context.config, apiKey: "sk-bad" } };
    const error = await captureError(() => collectParts(adapter.streamChat(question, wrongKey)));
    expect(error).toMatchObject({ status: 401, type: "authentication", retryable: false });
  });

  it("raises an error event that arrives inside a running stream", async () => {
    upstream.setScenario({ streamErrorAfterEvents: 2 });
    const error = await captureError(() => collectParts(adapter.streamChat(question, context)));
    expect(error).toMatchObject({ type: "server", retryable: true, status: 500 });
  });

  it("raises a retryable connection error when the upstream disconnects mid-stream", async () => {
    upstream.setScenario({ disconnectAfterEvents: 2 });
    const error = await captureError(() => collectParts(adapter.streamChat(question, context)));
    expect(error).toMatchObject({ type: "connection", retryable: true });
  });

  it("closes the upstream connection within 100 ms when the caller aborts a stream", async () => {
    upstream.setScenario({ chunkDelayMs: 500, reply: { text: "a b c d e f" } });
    const controller = new AbortController();
    const iterator = adapter.streamChat(question, { ...context, signal: controller.signal })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toMatchObject({ type: "chunk" });
    const closedBefore = upstream.connections.closed;
    const pending = iterator.next().catch((error: unknown) => error);
    const abortedAt = performance.now();
    controller.abort();
    await upstream.waitFor(() => upstream.connections.closed > closedBefore, 100);
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(await pending).toMatchObject({ name: "AbortError" });
    expect(upstream.lastRequest?.closedByClient).toBe(true);
  });

  it("reports a timeout when the first byte is slower than the budget", async () => {
    upstream.setScenario({ latencyMs: 300 });
    const error = await captureError(() => adapter.chat(question, { ...context, timeouts: { firstByteMs: 50 } }));
    expect(error).toMatchObject({ type: "timeout", retryable: true, status: 504 });
  });
});

describe("OpenAI adapter: validate", () => {
  it("reports available for good credentials and an authentication error otherwise", async () => {
    expect(await adapter.validate(context.config)).toMatchObject({ status: "available" });
    expect(upstream.lastRequest).toMatchObject({ method: "GET", path: "/v1/models" });
    const failed = await adapter.validate({ ...context.config, apiKey: "sk-bad" });
    expect(failed).toMatchObject({ status: "error", error: { type: "authentication", status: 401 } });
  });

  it("reports a connection error when the upstream is unreachable", async () => {
    const result = await adapter.validate({ apiKey: "x", baseUrl: "http://127.0.0.1:9/v1" }, { timeouts: { connectMs: 500 } });
    expect(result).toMatchObject({ status: "error", error: { type: "connection", retryable: true } });
  });
});
