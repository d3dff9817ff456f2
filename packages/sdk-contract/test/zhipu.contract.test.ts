import { createZhipuAdapter } from "@llm-serve/adapters";
import { startZhipuMock, type ZhipuMockScenario } from "@llm-serve/testkit";
import { expect } from "vitest";
import { describeSdkContract, okResult, sdkError } from "../src/describe-sdk-contract.js";
import { ASK_WEATHER, chatCall, embedCall, streamCall, TOOL_CALL_REPLY, TOOL_RESULT_REPLY, TOOL_TURN, WEATHER_TOOL } from "../src/logical-calls.js";
import { zhipuAuthView } from "../src/zhipu-jwt-view.js";

const MODEL = "glm-4-flash";
const KEY = "a1b2c3d4e5f6.ContractSecret42";
const HI = [{ role: "user" as const, content: "Hi" }];
const CHAT = chatCall({ model: MODEL, messages: HI, max_tokens: 64, temperature: 0.5, seed: 7 });

describeSdkContract<ZhipuMockScenario, Awaited<ReturnType<typeof startZhipuMock>>>({
  vendor: "zhipu",
  driver: "zhipu_driver",
  startMock: () => startZhipuMock({ apiKey: KEY }),
  apiKey: KEY,
  // Well-formed (the SDK signs it before sending) but signed with the wrong secret.
  badKey: "a1b2c3d4e5f6.WrongSecret",
  sdkBaseUrl: (mock) => mock.baseUrl,
  // Signed tokens, as the SDK's main client here (disable_token_cache=False); chat_plain_key compares the plain key.
  adapterConfig: (mock) => ({ apiKey: KEY, baseUrl: mock.baseUrl, authMode: "jwt" }),
  createAdapter: (transport) => createZhipuAdapter(transport),
  auth: zhipuAuthView(KEY),
  cases: [
    {
      name: "chat",
      scenario: {},
      viaAdapter: CHAT,
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "Hello from the mock upstream.", finish_reason: "stop", usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 } }),
    },
    {
      name: "chat_plain_key",
      scenario: {},
      viaAdapter: CHAT,
      adapterSettings: { authMode: "key" },
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "Hello from the mock upstream.", finish_reason: "stop" }),
    },
    {
      name: "stream",
      scenario: {},
      viaAdapter: streamCall({ model: MODEL, messages: HI, stream: true }),
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
      viaAdapter: embedCall("embedding-3", ["hello world", "b"], 4),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ count: 2, dimensions: [4, 4] }),
    },
    { name: "auth_error", scenario: {}, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "APIAuthenticationError", status_code: 401 }) },
    { name: "rate_limit", scenario: { error: { status: 429 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "APIReachLimitError", status_code: 429 }) },
    { name: "server_error", scenario: { error: { status: 500 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "APIInternalError", status_code: 500 }) },
    { name: "bad_request", scenario: { error: { status: 400 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "APIRequestFailedError", status_code: 400 }) },
    { name: "stream_error", scenario: { streamErrorAfterEvents: 1 }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "APIResponseError", text: "An error occurred during streaming" }) },
  ],
  intended: [
    { field: "header.accept", reason: "the adapter names a media type only where it changes the answer (text/event-stream on streams); the SDK sends application/json on every call" },
    { field: /^header\.(zhipuai-sdk-ver|source_type|x-request-sdk|x-source-channel)$/, reason: "the SDK's own identification headers: the gateway is not the Python SDK and does not claim to be" },
    { field: /^body\.(response_format|thinking)$/, cases: ["chat", "chat_plain_key", "stream", "tool_call", "tool_result"], reason: "the SDK sends null for these unset arguments; the adapter leaves out what the client did not set, which the API reads the same way" },
  ],
});
