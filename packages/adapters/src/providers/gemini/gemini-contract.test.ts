import { startGeminiMock } from "@llm-serve/testkit";
import { describe, expect, it } from "vitest";
import { describeChatContract, type ContractMock } from "../../../test/chat-contract-suite.js";
import { UndiciTransport } from "../../http/undici-transport.js";
import { GeminiAdapter } from "./gemini-adapter.js";

describeChatContract({
  provider: "gemini",
  model: "gemini-2.0-flash",
  startMock: () => startGeminiMock({ apiKey: "AIza-good" }) as Promise<ContractMock>,
  createAdapter: (transport) => new GeminiAdapter(transport),
  config: (mock) => ({ apiKey: "AIza-good", baseUrl: mock.baseUrl }),
  lengthFinishReason: "MAX_TOKENS",
  toolCallIdsFromUpstream: false,
  errorCases: [
    { title: "400 INVALID_ARGUMENT", scenario: { error: { status: 400 } }, expected: { status: 400, type: "invalid_request", retryable: false, vendorCode: "INVALID_ARGUMENT" } },
    { title: "400 API_KEY_INVALID is an authentication error", scenario: { error: { status: 400, reason: "API_KEY_INVALID" } }, expected: { status: 400, type: "authentication", retryable: false, vendorCode: "API_KEY_INVALID" } },
    { title: "403 PERMISSION_DENIED", scenario: { error: { status: 403 } }, expected: { status: 403, type: "permission", retryable: false } },
    { title: "429 RESOURCE_EXHAUSTED with RetryInfo", scenario: { error: { status: 429 } }, expected: { status: 429, type: "rate_limit", retryable: true, retryAfterMs: 17_000 } },
    { title: "500 INTERNAL", scenario: { error: { status: 500 } }, expected: { status: 500, type: "server", retryable: true } },
    { title: "503 UNAVAILABLE", scenario: { error: { status: 503 } }, expected: { status: 503, type: "overloaded", retryable: true } },
  ],
  streamError: { type: "server", retryable: true },
  assertToolRoundTripRequest(body) {
    expect(body).toMatchObject({
      systemInstruction: { parts: [{ text: "Be brief." }] },
      tools: [{ functionDeclarations: [{ name: "get_weather", description: "Weather" }] }],
      contents: [
        { role: "user", parts: [{ text: "Weather in Paris?" }] },
        { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }] },
        { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { temp_c: 18 } } }] },
      ],
    });
  },
});

describe("gemini specifics", () => {
  it("a prompt blocked by safety (HTTP 200, no candidates) is a content_filter finish", async () => {
    const mock = await startGeminiMock({ scenario: { blockPrompt: true } });
    const transport = new UndiciTransport();
    try {
      const { response, usage } = await new GeminiAdapter(transport).chat({ model: "gemini-2.0-flash", messages: [{ role: "user", content: "x" }] }, { config: { apiKey: "k", baseUrl: mock.baseUrl } });
      expect(response.choices).toEqual([{ index: 0, message: { role: "assistant", content: null, refusal: "SAFETY" }, logprobs: null, finish_reason: "content_filter" }]);
      expect(usage).toMatchObject({ promptTokens: 5, completionTokens: 0 });
      expect(mock.lastRequest?.headers["x-goog-api-key"]).toBe("k");
    } finally {
      await transport.close();
      await mock.close();
    }
  });

  it("embeds through batchEmbedContents with estimated usage", async () => {
    const mock = await startGeminiMock();
    const transport = new UndiciTransport();
    try {
      const adapter = new GeminiAdapter(transport);
      const { response, usage } = await adapter.embed({ model: "text-embedding-004", input: ["hello world", "b"], dimensions: 3 }, { config: { apiKey: "k", baseUrl: mock.baseUrl } });
      expect(response.data.map((item) => (item.embedding as number[]).length)).toEqual([3, 3]);
      expect(usage).toMatchObject({ promptTokens: 3, estimated: true });
      expect(mock.lastRequest).toMatchObject({
        path: "/v1beta/models/text-embedding-004:batchEmbedContents",
        body: { requests: [{ model: "models/text-embedding-004", content: { parts: [{ text: "hello world" }] }, outputDimensionality: 3 }, { content: { parts: [{ text: "b" }] } }] },
      });
      expect(adapter.capabilities("text-embedding-004")).toMatchObject({ embeddings: true, chat: false });
    } finally {
      await transport.close();
      await mock.close();
    }
  });

  it("reasoning tokens count as completion tokens and thoughts surface as reasoning_content", async () => {
    const mock = await startGeminiMock({ scenario: { reply: { text: "4", reasoning: "2+2", usage: { promptTokens: 3, completionTokens: 10, reasoningTokens: 9 } } } });
    const transport = new UndiciTransport();
    try {
      const { response, usage } = await new GeminiAdapter(transport).chat({ model: "gemini-2.5-pro", messages: [{ role: "user", content: "2+2?" }] }, { config: { apiKey: "k", baseUrl: mock.baseUrl } });
      expect(response.choices[0]?.message).toMatchObject({ content: "4", reasoning_content: "2+2" });
      expect(usage).toMatchObject({ promptTokens: 3, completionTokens: 10, reasoningTokens: 9, totalTokens: 13 });
    } finally {
      await transport.close();
      await mock.close();
    }
  });
});
