import { createOpenAIAdapter } from "@llm-serve/adapters";
import { startOpenAIMock, type OpenAIMockScenario } from "@llm-serve/testkit";
import { expect } from "vitest";
import { describeSdkContract, okResult, sdkError } from "../src/describe-sdk-contract.js";
import { ASK_WEATHER, chatCall, embedCall, streamCall, TOOL_CALL_REPLY, TOOL_RESULT_REPLY, TOOL_TURN, WEATHER_TOOL } from "../src/logical-calls.js";

const MODEL = "gpt-4o-mini";
const HI = [{ role: "user" as const, content: "Hi" }];

describeSdkContract<OpenAIMockScenario, Awaited<ReturnType<typeof startOpenAIMock>>>({
  vendor: "openai",
  driver: "openai_driver",
  startMock: () => startOpenAIMock({ apiKey: "sk-contract" }),
  apiKey: "sk-contract",
  sdkBaseUrl: (mock) => mock.baseUrl,
  adapterConfig: (mock) => ({ apiKey: "sk-contract", baseUrl: mock.baseUrl }),
  createAdapter: (transport) => createOpenAIAdapter(transport),
  cases: [
    {
      name: "chat",
      scenario: {},
      viaAdapter: chatCall({ model: MODEL, messages: HI, max_tokens: 64, temperature: 0.5 }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "Hello from the mock upstream.", finish_reason: "stop", usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 } }),
    },
    {
      name: "stream",
      scenario: {},
      viaAdapter: streamCall({ model: MODEL, messages: HI, stream: true, stream_options: { include_usage: true } }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "Hello from the mock upstream.", finish_reason: "stop", usage: { prompt_tokens: 12, completion_tokens: 7 } }),
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
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "18 degrees in Paris.", finish_reason: "stop" }),
    },
    {
      name: "embeddings",
      scenario: {},
      viaAdapter: embedCall("text-embedding-3-small", ["hello world", "b"], 4),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ count: 2, dimensions: [4, 4], usage: { prompt_tokens: 8, total_tokens: 8 } }),
    },
    { name: "auth_error", scenario: {}, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "AuthenticationError", status_code: 401, code: "invalid_api_key" }) },
    { name: "rate_limit", scenario: { error: { status: 429 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "RateLimitError", status_code: 429 }) },
    { name: "server_error", scenario: { error: { status: 500 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "InternalServerError", status_code: 500 }) },
    { name: "bad_request", scenario: { error: { status: 400, param: "messages" } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "BadRequestError", status_code: 400, param: "messages" }) },
    { name: "stream_error", scenario: { streamErrorAfterEvents: 1 }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "APIError" }) },
  ],
  intended: [
    { field: "header.accept", reason: "the adapter names a media type only where it changes the answer (text/event-stream on streams); the SDK sends application/json on every call, streams included" },
    { field: "body.encoding_format", cases: ["embeddings"], reason: "the SDK asks for base64 and decodes it itself; the adapter passes the client's own choice through (floats when the client names none), since the gateway returns the vectors as the client asked" },
  ],
});
