import { startAzureOpenAIMock } from "@llm-serve/testkit";
import { describe, expect, it } from "vitest";
import { describeChatContract, type ContractMock } from "../../../test/chat-contract-suite.js";
import { collectChat } from "../../../test/stream-helpers.js";
import { UndiciTransport } from "../../http/undici-transport.js";
import { createAzureOpenAIAdapter } from "./azure-openai-adapter.js";

describeChatContract({
  provider: "azure-openai",
  model: "gpt-4o-mini",
  startMock: () => startAzureOpenAIMock({ apiKey: "azure-key", deployments: { "prod-4o-mini": "gpt-4o-mini" } }) as Promise<ContractMock>,
  createAdapter: (transport) => createAzureOpenAIAdapter(transport),
  config: (mock) => ({ apiKey: "azure-key", baseUrl: mock.url, deployments: { "gpt-4o-mini": "prod-4o-mini" } }),
  lengthFinishReason: "length",
  toolCallIdsFromUpstream: true,
  errorCases: [
    { title: "400 content_filter (filtered prompt)", scenario: { error: { status: 400, code: "content_filter" } }, expected: { status: 400, type: "content_filter", retryable: false, vendorCode: "content_filter" } },
    { title: "401 invalid key", scenario: { error: { status: 401 } }, expected: { status: 401, type: "authentication", retryable: false, vendorCode: "401" } },
    { title: "404 DeploymentNotFound", scenario: { error: { status: 404, code: "DeploymentNotFound" } }, expected: { status: 404, type: "not_found", retryable: false, vendorCode: "DeploymentNotFound" } },
    { title: "429 with retry-after-ms", scenario: { error: { status: 429, retryAfterSeconds: 6 } }, expected: { status: 429, type: "rate_limit", retryable: true, vendorCode: "429", retryAfterMs: 6000 } },
    { title: "500", scenario: { error: { status: 500 } }, expected: { status: 500, type: "server", retryable: true } },
    { title: "503", scenario: { error: { status: 503 } }, expected: { status: 503, type: "overloaded", retryable: true } },
  ],
  streamError: { type: "server", retryable: true },
  assertToolRoundTripRequest(body) {
    expect(body).toMatchObject({
      tools: [{ type: "function", function: { name: "get_weather" } }],
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", tool_calls: [{ id: "call_a1", function: { name: "get_weather" } }] },
        { role: "tool", tool_call_id: "call_a1", content: '{"temp_c":18}' },
      ],
    });
  },
});

describe("azure specifics", () => {
  it("uses the deployment path, api-version and api-key, and skips the prompt-filter preamble chunk", async () => {
    const mock = await startAzureOpenAIMock({ apiKey: "azure-key" });
    const transport = new UndiciTransport();
    try {
      const adapter = createAzureOpenAIAdapter(transport);
      const context = { config: { apiKey: "azure-key", baseUrl: mock.url, apiVersion: "2024-06-01" } };
      const result = await collectChat(adapter.streamChat({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }, context));
      expect(result.chunks.every((chunk) => chunk.choices.length > 0 && chunk.id === "chatcmpl-azure1")).toBe(true);
      expect(result.text).toBe("Hello from the mock upstream.");
      expect(mock.lastRequest).toMatchObject({ path: "/openai/deployments/gpt-4o/chat/completions", query: { "api-version": "2024-06-01" }, headers: { "api-key": "azure-key" } });
      expect(mock.lastRequest?.headers.authorization).toBeUndefined();
      const embedded = await adapter.embed({ model: "text-embedding-3-small", input: "x" }, context);
      expect(embedded.response.data).toHaveLength(1);
      expect(mock.lastRequest?.path).toBe("/openai/deployments/text-embedding-3-small/embeddings");
      expect(adapter.capabilities("omni-moderation-latest").moderation).toBe(false);
    } finally {
      await transport.close();
      await mock.close();
    }
  });
});
