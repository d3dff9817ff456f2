import { GeminiAdapter } from "@llm-serve/adapters";
import { startGeminiMock, type GeminiMockScenario } from "@llm-serve/testkit";
import { expect } from "vitest";
import { lowerCamelCase } from "../src/compare-requests.js";
import { describeSdkContract, okResult, sdkError } from "../src/describe-sdk-contract.js";
import { ASK_WEATHER, chatCall, embedCall, streamCall, TOOL_CALL_REPLY, TOOL_RESULT_REPLY, TOOL_TURN, WEATHER_TOOL } from "../src/logical-calls.js";

const MODEL = "gemini-2.0-flash";
const HI = [{ role: "user" as const, content: "Hi" }];

describeSdkContract<GeminiMockScenario, Awaited<ReturnType<typeof startGeminiMock>>>({
  vendor: "gemini",
  driver: "gemini_driver",
  startMock: () => startGeminiMock({ apiKey: "AIza-contract" }),
  apiKey: "AIza-contract",
  sdkBaseUrl: (mock) => mock.url,
  // google-genai 3.x defaults to v1; the adapter's default stays v1beta (ADR 0017), so this deployment names v1.
  adapterConfig: (mock) => ({ apiKey: "AIza-contract", baseUrl: mock.url, apiVersion: "v1" }),
  createAdapter: (transport) => new GeminiAdapter(transport),
  cases: [
    {
      name: "chat",
      scenario: {},
      viaAdapter: chatCall({ model: MODEL, messages: HI, max_tokens: 64, temperature: 0.5 }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "Hello from the mock upstream.", finish_reason: "STOP", usage: { prompt: 12, candidates: 7, total: 19 } }),
    },
    {
      name: "stream",
      scenario: {},
      viaAdapter: streamCall({ model: MODEL, messages: HI, stream: true }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "Hello from the mock upstream.", finish_reason: "STOP", usage: { prompt: 12, candidates: 7 } }),
    },
    {
      name: "tool_call",
      scenario: { reply: TOOL_CALL_REPLY },
      viaAdapter: chatCall({ model: MODEL, messages: [ASK_WEATHER], tools: [WEATHER_TOOL], tool_choice: "auto" }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ finish_reason: "STOP", tool_calls: [{ name: "get_weather", args: { city: "Paris" } }] }),
    },
    {
      name: "tool_result",
      scenario: { reply: TOOL_RESULT_REPLY },
      viaAdapter: chatCall({ model: MODEL, messages: TOOL_TURN, tools: [WEATHER_TOOL] }),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ text: "18 degrees in Paris.", finish_reason: "STOP" }),
    },
    {
      name: "embeddings",
      scenario: {},
      viaAdapter: embedCall("text-embedding-004", ["hello world", "b"], 4),
      expectSdk: (result) => expect(okResult(result)).toMatchObject({ count: 2, dimensions: [4, 4] }),
    },
    { name: "auth_error", scenario: {}, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "ClientError", code: 400, status: "INVALID_ARGUMENT" }) },
    { name: "rate_limit", scenario: { error: { status: 429 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "ClientError", code: 429, status: "RESOURCE_EXHAUSTED" }) },
    { name: "server_error", scenario: { error: { status: 500 } }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "ServerError", code: 500, status: "INTERNAL" }) },
    { name: "schema_refused", scenario: {}, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "ClientError", code: 400, status: "INVALID_ARGUMENT" }) },
    { name: "stream_error", scenario: { streamErrorAfterEvents: 1 }, expectSdk: (result) => expect(sdkError(result)).toMatchObject({ class: "ServerError", code: 500 }) },
  ],
  // proto3 JSON takes `parameters_json_schema` (the SDK's spelling) and `parametersJsonSchema` (ours) alike.
  keySpelling: lowerCamelCase,
  intended: [
    { field: "header.accept", reason: "the SDK sends httpx's default Accept: */*; the adapter sends none, which means the same" },
    { field: "body.generationConfig", cases: ["tool_call", "tool_result"], reason: "the SDK sends an empty generationConfig when the call sets none; the adapter leaves it out, which the API reads the same way" },
  ],
});
