import { startAnthropicMock } from "@llm-serve/testkit";
import { describe, expect, it } from "vitest";
import { UndiciTransport } from "../../http/undici-transport.js";
import { collectChat } from "../../../test/stream-helpers.js";
import { describeChatContract, type ContractMock } from "../../../test/chat-contract-suite.js";
import { AnthropicAdapter } from "./anthropic-adapter.js";

describeChatContract({
  provider: "anthropic",
  model: "claude-sonnet-4-5",
  startMock: () => startAnthropicMock({ apiKey: "sk-ant-good" }) as Promise<ContractMock>,
  createAdapter: (transport) => new AnthropicAdapter(transport),
  config: (mock) => ({ apiKey: "sk-ant-good", baseUrl: mock.baseUrl }),
  lengthFinishReason: "max_tokens",
  toolCallIdsFromUpstream: true,
  errorCases: [
    { title: "400 invalid_request_error", scenario: { error: { status: 400 } }, expected: { status: 400, type: "invalid_request", retryable: false, vendorCode: "invalid_request_error" } },
    { title: "401 authentication_error", scenario: { error: { status: 401 } }, expected: { status: 401, type: "authentication", retryable: false, vendorCode: "authentication_error" } },
    { title: "429 rate_limit_error with retry-after", scenario: { error: { status: 429, retryAfterSeconds: 4 } }, expected: { status: 429, type: "rate_limit", retryable: true, retryAfterMs: 4000 } },
    { title: "500 api_error", scenario: { error: { status: 500 } }, expected: { status: 500, type: "server", retryable: true, vendorCode: "api_error" } },
    { title: "503", scenario: { error: { status: 503 } }, expected: { status: 503, type: "server", retryable: true } },
    { title: "529 overloaded_error", scenario: { error: { status: 529 } }, expected: { status: 529, type: "overloaded", retryable: true, vendorCode: "overloaded_error" } },
  ],
  streamError: { type: "overloaded", retryable: true },
  assertToolRoundTripRequest(body) {
    expect(body).toMatchObject({
      system: "Be brief.",
      max_tokens: 4096,
      tools: [{ name: "get_weather", input_schema: { type: "object" } }],
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: [{ type: "tool_use", id: "call_a1", name: "get_weather", input: { city: "Paris" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "call_a1", content: '{"temp_c":18}' }] },
      ],
    });
  },
});

describe("anthropic usage fallback", () => {
  it("estimates usage when an answer carries none (e.g. stripped by a proxy)", async () => {
    const mock = await startAnthropicMock();
    const transport = new UndiciTransport();
    try {
      mock.setScenario({ reply: { text: "Hello from the mock upstream.", usage: null } });
      const adapter = new AnthropicAdapter(transport);
      const context = { config: { apiKey: "k", baseUrl: mock.baseUrl } };
      const { usage } = await adapter.chat({ model: "claude-x", messages: [{ role: "user", content: "hi" }] }, context);
      expect(usage).toMatchObject({ completionTokens: 6, estimated: true });
      const streamed = await collectChat(adapter.streamChat({ model: "claude-x", messages: [{ role: "user", content: "hi" }] }, context));
      expect(streamed.usage).toEqual(usage);
    } finally {
      await transport.close();
      await mock.close();
    }
  });
});
