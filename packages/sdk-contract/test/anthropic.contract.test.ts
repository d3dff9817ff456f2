import { AnthropicAdapter } from "@llm-serve/adapters";
import { startAnthropicMock, type AnthropicMockScenario } from "@llm-serve/testkit";
import { expect } from "vitest";
import { describeSdkContract, okResult, sdkError } from "../src/describe-sdk-contract.js";
import { ASK_WEATHER, chatCall, streamCall, TOOL_CALL_REPLY, TOOL_RESULT_REPLY, TOOL_TURN, WEATHER_TOOL } from "../src/logical-calls.js";

const MODEL = "claude-sonnet-4-5";
const HI = [{ role: "user" as const, content: "Hi" }];

describeSdkContract<AnthropicMockScenario, Awaited<ReturnType<typeof startAnthropicMock>>>({
  vendor: "anthropic",
  driver: "anthropic_driver",
  startMock: () => startAnthropicMock({ apiKey: "sk-ant-contract" }),
  apiKey: "sk-ant-contract",
  // The SDK's base URL is the host; it adds /v1 itself.
  sdkBaseUrl: (mock) => mock.baseUrl.replace(/\/v1$/, ""),
  adapterConfig: (mock) => ({ apiKey: "sk-ant-contract", baseUrl: mock.baseUrl }),
  createAdapter: (transport) => new AnthropicAdapter(transport),
  cases: [
    {
      name: "chat",
      scenario: {},
      viaAdapter: chatCall({ model: MODEL, messages: HI, max_tokens: 64, temperature: 0.5 }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "Hello from the mock upstream.", stop_reason: "end_turn", usage: { input_tokens: 12, output_tokens: 7 } }),
    },
    {
      name: "stream",
      scenario: {},
      viaAdapter: streamCall({ model: MODEL, messages: HI, max_tokens: 64, stream: true }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "Hello from the mock upstream.", stop_reason: "end_turn", usage: { input_tokens: 12, output_tokens: 7 } }),
    },
    {
      name: "tool_call",
      scenario: { reply: TOOL_CALL_REPLY },
      viaAdapter: chatCall({ model: MODEL, messages: [{ role: "system", content: "Be brief." }, ASK_WEATHER], tools: [WEATHER_TOOL], tool_choice: "auto" }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ stop_reason: "tool_use", tool_calls: [{ id: "call_1", name: "get_weather", input: { city: "Paris" } }] }),
    },
    {
      name: "tool_result",
      scenario: { reply: TOOL_RESULT_REPLY },
      viaAdapter: chatCall({ model: MODEL, messages: TOOL_TURN, tools: [WEATHER_TOOL] }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "18 degrees in Paris.", stop_reason: "end_turn" }),
    },
    { name: "auth_error", scenario: {}, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "AuthenticationError", status_code: 401 }) },
    { name: "rate_limit", scenario: { error: { status: 429 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "RateLimitError", status_code: 429 }) },
    { name: "server_error", scenario: { error: { status: 500 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "InternalServerError", status_code: 500 }) },
    { name: "overloaded", scenario: { error: { status: 529 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ status_code: 529, body: { type: "error", error: { type: "overloaded_error" } } }) },
    {
      name: "sampling_refused",
      scenario: {},
      expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "BadRequestError", status_code: 400, body: { error: { type: "invalid_request_error", message: "temperature: Extra inputs are not permitted" } } }),
    },
    { name: "stream_error", scenario: { streamErrorAfterEvents: 2 }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "APIStatusError", body: { type: "error", error: { type: "overloaded_error" } } }) },
  ],
  intended: [
    { field: "header.accept", reason: "the adapter names a media type only where it changes the answer (text/event-stream on streams); the SDK sends application/json on every call" },
  ],
});
