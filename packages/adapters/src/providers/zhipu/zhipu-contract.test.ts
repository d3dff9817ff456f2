import { startZhipuMock } from "@llm-serve/testkit";
import { expect } from "vitest";
import { describeChatContract, type ContractMock } from "../../../test/chat-contract-suite.js";
import { createZhipuAdapter } from "./zhipu-adapter.js";

describeChatContract({
  provider: "zhipu",
  model: "glm-4-flash",
  startMock: () => startZhipuMock({ apiKey: "a1b2c3.secret123" }) as Promise<ContractMock>,
  createAdapter: (transport) => createZhipuAdapter(transport),
  config: (mock) => ({ apiKey: "a1b2c3.secret123", baseUrl: mock.baseUrl }),
  lengthFinishReason: "length",
  toolCallIdsFromUpstream: true,
  errorCases: [
    { title: "400 / 1210 invalid parameters", scenario: { error: { status: 400 } }, expected: { status: 400, type: "invalid_request", retryable: false, vendorCode: "1210" } },
    { title: "400 / 1301 sensitive content", scenario: { error: { status: 400, code: "1301" } }, expected: { status: 400, type: "content_filter", retryable: false, vendorCode: "1301" } },
    { title: "401 / 1000 authentication", scenario: { error: { status: 401 } }, expected: { status: 401, type: "authentication", retryable: false, vendorCode: "1000" } },
    { title: "404 / 1211 unknown model", scenario: { error: { status: 404 } }, expected: { status: 404, type: "not_found", retryable: false, vendorCode: "1211" } },
    { title: "429 / 1302 concurrency", scenario: { error: { status: 429 } }, expected: { status: 429, type: "rate_limit", retryable: true, vendorCode: "1302" } },
    { title: "429 / 1113 balance exhausted", scenario: { error: { status: 429, code: "1113" } }, expected: { status: 429, type: "quota", retryable: false, vendorCode: "1113" } },
    { title: "500 internal", scenario: { error: { status: 500 } }, expected: { status: 500, type: "server", retryable: true, vendorCode: "500" } },
    { title: "503 overloaded", scenario: { error: { status: 503 } }, expected: { status: 503, type: "rate_limit", retryable: true, vendorCode: "1305" } },
  ],
  streamError: { type: "server", retryable: true },
  assertToolRoundTripRequest(body) {
    expect(body).toMatchObject({
      model: "glm-4-flash",
      tools: [{ type: "function", function: { name: "get_weather" } }],
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_a1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
        { role: "tool", tool_call_id: "call_a1", content: '{"temp_c":18}' },
      ],
    });
  },
});
