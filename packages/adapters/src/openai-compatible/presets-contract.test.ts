import { startOpenAIMock, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeChatContract, type ContractMock } from "../../test/chat-contract-suite.js";
import { collectChat } from "../../test/stream-helpers.js";
import { UndiciTransport } from "../http/undici-transport.js";
import { createOpenAICompatibleAdapter, OPENAI_COMPATIBLE_PRESETS, type OpenAICompatiblePreset } from "./presets.js";

const openAIErrorCases = [
  { title: "401", scenario: { error: { status: 401 } }, expected: { status: 401, type: "authentication" as const, retryable: false } },
  { title: "402 insufficient balance (DeepSeek)", scenario: { error: { status: 402, message: "Insufficient Balance" } }, expected: { status: 402, type: "quota" as const, retryable: false } },
  { title: "429", scenario: { error: { status: 429 } }, expected: { status: 429, type: "rate_limit" as const, retryable: true } },
  { title: "503", scenario: { error: { status: 503 } }, expected: { status: 503, type: "overloaded" as const, retryable: true } },
];

// DeepSeek serves without /v1 and sends `: keep-alive` comments between events.
describeChatContract({
  provider: "deepseek",
  model: "deepseek-chat",
  startMock: () => startOpenAIMock({ apiKey: "sk-ds", pathPrefix: "", scenario: { keepAliveComments: true } }) as Promise<ContractMock>,
  createAdapter: (transport) => createOpenAICompatibleAdapter("deepseek", transport),
  config: (mock) => ({ apiKey: "sk-ds", baseUrl: mock.baseUrl }),
  lengthFinishReason: "length",
  toolCallIdsFromUpstream: true,
  errorCases: openAIErrorCases,
  streamError: { type: "server", retryable: true },
  assertToolRoundTripRequest(body) {
    expect(body).toMatchObject({ messages: [{ role: "system" }, { role: "user" }, { role: "assistant", tool_calls: [{ id: "call_a1" }] }, { role: "tool", tool_call_id: "call_a1" }] });
  },
});

describe("every OpenAI-compatible preset", () => {
  const transport = new UndiciTransport();
  let mock: OpenAIMock;
  beforeAll(async () => {
    mock = await startOpenAIMock();
  });
  afterAll(async () => {
    await transport.close();
    await mock.close();
  });

  for (const preset of Object.keys(OPENAI_COMPATIBLE_PRESETS) as OpenAICompatiblePreset[]) {
    it(`${preset}: chats and streams through the shared layer with a bearer key`, async () => {
      const adapter = createOpenAICompatibleAdapter(preset, transport);
      const context = { config: { apiKey: `key-${preset}`, baseUrl: mock.baseUrl } };
      const request = { model: "m", messages: [{ role: "user" as const, content: "hi" }], tool_choice: "auto" as const, tools: [{ type: "function" as const, function: { name: "f" } }] };
      expect((await adapter.chat(request, context)).response.choices[0]?.message.content).toBe("Hello from the mock upstream.");
      expect(mock.lastRequest?.headers.authorization).toBe(`Bearer key-${preset}`);
      expect("tool_choice" in (mock.lastRequest?.body as object)).toBe(preset !== "ollama");
      expect((await collectChat(adapter.streamChat(request, context))).usage).toMatchObject({ estimated: false });
      expect(adapter.provider).toBe(preset);
    });
  }

  it("ollama sends no Authorization header when no key is configured", async () => {
    await createOpenAICompatibleAdapter("ollama", transport).chat({ model: "llama3", messages: [{ role: "user", content: "hi" }] }, { config: { baseUrl: mock.baseUrl } });
    expect(mock.lastRequest?.headers.authorization).toBeUndefined();
  });

  it("reads DeepSeek's cache-hit usage fields as cached prompt tokens", async () => {
    const deepseekUsage = { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, prompt_cache_hit_tokens: 6, prompt_cache_miss_tokens: 4 };
    const { normalizeOpenAIUsage } = await import("./normalize-openai-usage.js");
    expect(normalizeOpenAIUsage(deepseekUsage)).toMatchObject({ promptTokens: 10, cachedPromptTokens: 6 });
  });
});
