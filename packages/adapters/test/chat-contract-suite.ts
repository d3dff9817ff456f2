import type { MockChatReply, MockUpstream } from "@llm-serve/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { UndiciTransport } from "../src/http/undici-transport.js";
import type { HttpTransport } from "../src/http/http-transport.js";
import type { CallContext } from "../src/spec/call-context.js";
import type { ChatCompletionRequest } from "../src/spec/chat-types.js";
import type { ProviderAdapter } from "../src/spec/provider-adapter.js";
import type { UpstreamErrorType } from "../src/spec/upstream-error.js";
import { captureError, collectChat, collectParts } from "./stream-helpers.js";

/** Scenario fields every vendor mock understands (its `error` shape differs per vendor). */
export interface CommonScenario {
  reply?: MockChatReply;
  error?: unknown;
  streamErrorAfterEvents?: number;
  disconnectAfterEvents?: number;
  splitBytes?: number;
  chunkDelayMs?: number;
  latencyMs?: number;
  toolArgumentChunkSize?: number;
}

export interface ContractMock extends MockUpstream {
  readonly baseUrl: string;
  setScenario(scenario: CommonScenario): void;
  queueScenario(...scenarios: CommonScenario[]): void;
  resetScenario(): void;
}

export interface ErrorCase {
  title: string;
  scenario: CommonScenario;
  expected: { status?: number; type: UpstreamErrorType; retryable: boolean; vendorCode?: string | null; retryAfterMs?: number | null };
}

export interface ChatContractTarget {
  provider: string;
  model: string;
  startMock(): Promise<ContractMock>;
  createAdapter(transport: HttpTransport): ProviderAdapter;
  config(mock: ContractMock): CallContext["config"];
  /** The vendor's finish value for "ran out of tokens". */
  lengthFinishReason: string;
  errorCases: ErrorCase[];
  /** The vendor error raised inside a running stream. */
  streamError: { type: UpstreamErrorType; retryable: boolean };
  /** Asserts how the vendor request carried an assistant tool call and its result. */
  assertToolRoundTripRequest(body: unknown): void;
  /** Some vendors (Gemini) have no tool-call ids: the adapter invents them. */
  toolCallIdsFromUpstream: boolean;
}

const weatherTool = { type: "function" as const, function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } } };

/** The behaviour every chat adapter must show against its vendor's mock upstream. */
export function describeChatContract(target: ChatContractTarget): void {
  const transport = new UndiciTransport();
  const adapter = target.createAdapter(transport);
  let mock: ContractMock;
  let context: CallContext;
  const ask = (content = "Hi"): ChatCompletionRequest => ({ model: target.model, messages: [{ role: "user", content }] });

  beforeAll(async () => {
    mock = await target.startMock();
    context = { config: target.config(mock) };
  });
  afterEach(() => {
    mock.resetScenario();
    mock.clearRequests();
  });
  afterAll(async () => {
    await transport.close();
    await mock.close();
  });

  describe(`${target.provider} chat contract`, () => {
    it("non-streaming: text, finish reason and exact usage", async () => {
      mock.setScenario({ reply: { text: "Hello there", usage: { promptTokens: 11, completionTokens: 2 } } });
      const { response, usage } = await adapter.chat(ask(), context);
      expect(response.choices[0]).toMatchObject({ message: { role: "assistant", content: "Hello there" }, finish_reason: "stop" });
      expect(usage).toMatchObject({ promptTokens: 11, completionTokens: 2, totalTokens: 13, estimated: false });
      expect(response.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 });
    });

    it("streaming: text pieces in order, one finish reason, exact usage last", async () => {
      mock.setScenario({ reply: { text: "one two three four", usage: { promptTokens: 7, completionTokens: 4 } } });
      const result = await collectChat(adapter.streamChat(ask(), context));
      expect(result.text).toBe("one two three four");
      expect(result.finishReasons).toEqual(["stop"]);
      expect(result.usageParts).toBe(1);
      expect(result.usage).toMatchObject({ promptTokens: 7, completionTokens: 4, totalTokens: 11, estimated: false });
    });

    it("streaming survives events split mid-line across TCP writes", async () => {
      mock.setScenario({ splitBytes: 7, reply: { text: "北京是中国的首都。 split ok", usage: { promptTokens: 3, completionTokens: 5 } } });
      const result = await collectChat(adapter.streamChat(ask(), context));
      expect(result.text).toBe("北京是中国的首都。 split ok");
      expect(result.usage?.completionTokens).toBe(5);
    });

    it("maps the vendor's length finish reason in both modes", async () => {
      mock.setScenario({ reply: { text: "truncated", finishReason: target.lengthFinishReason } });
      expect((await adapter.chat(ask(), context)).response.choices[0]?.finish_reason).toBe("length");
      expect((await collectChat(adapter.streamChat(ask(), context))).finishReasons).toEqual(["length"]);
    });

    it("tool calls upstream -> canonical, non-streaming and streaming", async () => {
      const reply = { toolCalls: [{ id: "call_a1", name: "get_weather", arguments: '{"city":"Paris"}' }] };
      mock.setScenario({ reply, toolArgumentChunkSize: 4 });
      const request = { ...ask("Weather in Paris?"), tools: [weatherTool] };
      const { response } = await adapter.chat(request, context);
      const call = response.choices[0]?.message.tool_calls?.[0];
      expect(response.choices[0]?.finish_reason).toBe("tool_calls");
      expect(call).toMatchObject({ type: "function", function: { name: "get_weather" } });
      expect(JSON.parse(call?.function.arguments ?? "")).toEqual({ city: "Paris" });
      if (target.toolCallIdsFromUpstream) expect(call?.id).toBe("call_a1");
      else expect(call?.id).toMatch(/^call_/);
      const streamed = await collectChat(adapter.streamChat(request, context));
      expect(streamed.finishReasons).toEqual(["tool_calls"]);
      expect(streamed.toolCalls).toHaveLength(1);
      expect(streamed.toolCalls[0]?.name).toBe("get_weather");
      expect(JSON.parse(streamed.toolCalls[0]?.arguments ?? "")).toEqual({ city: "Paris" });
    });

    it("tool calls canonical -> upstream: assistant tool calls and tool results are sent in vendor form", async () => {
      const request: ChatCompletionRequest = {
        model: target.model,
        tools: [weatherTool],
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Weather in Paris?" },
          { role: "assistant", content: null, tool_calls: [{ id: "call_a1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
          { role: "tool", tool_call_id: "call_a1", content: '{"temp_c":18}' },
        ],
      };
      await adapter.chat(request, context);
      target.assertToolRoundTripRequest(mock.lastRequest?.body);
    });

    for (const errorCase of target.errorCases) {
      it(`error: ${errorCase.title}`, async () => {
        mock.setScenario(errorCase.scenario);
        const error = await captureError(() => adapter.chat(ask(), context));
        expect(error).toMatchObject({ name: "UpstreamError", provider: target.provider, ...errorCase.expected });
        const streamError = await captureError(() => collectParts(adapter.streamChat(ask(), context)));
        expect(streamError).toMatchObject({ type: errorCase.expected.type, retryable: errorCase.expected.retryable });
      });
    }

    it("error inside a running stream is raised as UpstreamError", async () => {
      mock.setScenario({ streamErrorAfterEvents: 2 });
      const error = await captureError(() => collectParts(adapter.streamChat(ask(), context)));
      expect(error).toMatchObject({ name: "UpstreamError", ...target.streamError });
    });

    it("a mid-stream disconnect is a retryable connection error", async () => {
      mock.setScenario({ disconnectAfterEvents: 2 });
      const error = await captureError(() => collectParts(adapter.streamChat(ask(), context)));
      expect(error).toMatchObject({ type: "connection", retryable: true });
    });

    it("aborting the caller closes the upstream connection within 100 ms", async () => {
      mock.setScenario({ chunkDelayMs: 400, reply: { text: "a b c d e f g" } });
      const controller = new AbortController();
      const iterator = adapter.streamChat(ask(), { ...context, signal: controller.signal })[Symbol.asyncIterator]();
      await iterator.next();
      await mock.waitFor(() => mock.connections.open > 0);
      const closedBefore = mock.connections.closed;
      const pending = iterator.next().catch((error: unknown) => error);
      const abortedAt = performance.now();
      controller.abort();
      await mock.waitFor(() => mock.connections.closed > closedBefore, 100);
      expect(performance.now() - abortedAt).toBeLessThan(100);
      expect(await pending).toMatchObject({ name: "AbortError" });
    });

    it("validate reports available with good credentials", async () => {
      expect(await adapter.validate(context.config, { model: target.model })).toMatchObject({ status: "available" });
    });
  });
}
