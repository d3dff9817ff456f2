import { createQianfanAdapter } from "@llm-serve/adapters";
import { startQianfanMock, type QianfanMockScenario } from "@llm-serve/testkit";
import { expect } from "vitest";
import { describeSdkContract, okResult, sdkError } from "../src/describe-sdk-contract.js";
import { ASK_WEATHER, chatCall, streamCall, TOOL_CALL_REPLY, TOOL_RESULT_REPLY, TOOL_TURN, WEATHER_TOOL } from "../src/logical-calls.js";

const MODEL = "ernie-4.0-8k";
const KEY = "bce-v3/ALTAK-contract/secret";
const HI = [{ role: "user" as const, content: "Hi" }];

describeSdkContract<QianfanMockScenario, Awaited<ReturnType<typeof startQianfanMock>>>({
  vendor: "qianfan",
  driver: "qianfan_driver",
  startMock: () => startQianfanMock({ apiKey: KEY }),
  apiKey: KEY,
  // The SDK's console base URL is the host; it adds /v2/chat/completions itself.
  sdkBaseUrl: (mock) => mock.url,
  adapterConfig: (mock) => ({ apiKey: KEY, baseUrl: mock.baseUrl }),
  createAdapter: (transport) => createQianfanAdapter(transport),
  cases: [
    {
      name: "chat",
      scenario: {},
      // An OpenAI client's max_tokens: the adapter sends it as max_completion_tokens, as the SDK call here does.
      viaAdapter: chatCall({ model: MODEL, messages: HI, max_tokens: 64, temperature: 0.5 }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "Hello from the mock upstream.", finish_reason: "normal", usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 } }),
    },
    {
      name: "stream",
      scenario: {},
      viaAdapter: streamCall({ model: MODEL, messages: HI, stream: true }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "Hello from the mock upstream.", finish_reason: "normal", usage: { prompt_tokens: 12, completion_tokens: 7 } }),
    },
    {
      name: "tool_call",
      scenario: { reply: TOOL_CALL_REPLY },
      viaAdapter: chatCall({ model: MODEL, messages: [ASK_WEATHER], tools: [WEATHER_TOOL], tool_choice: "auto" }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ finish_reason: "tool_calls", tool_calls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }] }),
    },
    {
      name: "tool_result",
      scenario: { reply: TOOL_RESULT_REPLY },
      viaAdapter: chatCall({ model: MODEL, messages: TOOL_TURN, tools: [WEATHER_TOOL] }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "18 degrees in Paris.", finish_reason: "normal" }),
    },
    // The SDK turns a status-coded error into RequestError with the status (it does not read that body).
    { name: "auth_error", scenario: {}, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "RequestError", status_code: 401 }) },
    { name: "rate_limit", scenario: { error: { status: 429 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "RequestError", status_code: 429 }) },
    { name: "server_error", scenario: { error: { status: 500 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "RequestError", status_code: 500 }) },
    // An {"error":…} body at HTTP 200 is what the SDK reads as the vendor's error, code and all.
    { name: "error_at_200", scenario: { error: { status: 429, code: "rate_limit_exceeded" }, errorAtHttp200: true }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "APIError", error_code: "rate_limit_exceeded" }) },
    { name: "stream_error_at_200", scenario: { error: { status: 400, code: "invalid_argument" }, errorAtHttp200: true }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "APIError", error_code: "invalid_argument" }) },
    { name: "stream_error", scenario: { streamErrorAfterEvents: 1 }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "APIError" }) },
  ],
  intended: [
    { field: "header.accept", reason: "the SDK sends the requests library's default Accept: */*; the adapter names text/event-stream on streams and nothing otherwise" },
    { field: "header.request_id", reason: "the SDK's own per-call tracing id (sdk-py-…); the adapter sends the gateway's request id as x-request-id instead" },
    { field: "body.extra_parameters.request_source", reason: "the SDK's identification (qianfan_py_sdk_v…): the gateway is not the SDK" },
    { field: "body.stream", cases: ["chat", "tool_call", "tool_result"], reason: "the SDK sends stream: false on unary calls; the adapter leaves it out, which means the same" },
  ],
});
