import { startQianfanMock } from "@llm-serve/testkit";
import { describe, expect, it } from "vitest";
import { describeChatContract, type ContractMock } from "../../../test/chat-contract-suite.js";
import { UndiciTransport } from "../../http/undici-transport.js";
import { createQianfanAdapter } from "./qianfan-adapter.js";

describeChatContract({
  provider: "baidu-qianfan",
  model: "ernie-4.0-8k",
  startMock: () => startQianfanMock({ apiKey: "bce-v3/ALTAK-x/y" }) as Promise<ContractMock>,
  createAdapter: (transport) => createQianfanAdapter(transport),
  config: (mock) => ({ apiKey: "bce-v3/ALTAK-x/y", baseUrl: mock.baseUrl }),
  lengthFinishReason: "length",
  toolCallIdsFromUpstream: true,
  errorCases: [
    { title: "400 invalid_argument", scenario: { error: { status: 400 } }, expected: { status: 400, type: "invalid_request", retryable: false, vendorCode: "invalid_argument" } },
    { title: "400 invalid_model", scenario: { error: { status: 400, code: "invalid_model", message: "No permission to use the model" } }, expected: { status: 400, type: "not_found", retryable: false, vendorCode: "invalid_model" } },
    { title: "401 invalid_iam_token", scenario: { error: { status: 401 } }, expected: { status: 401, type: "authentication", retryable: false } },
    { title: "429 rate_limit_exceeded", scenario: { error: { status: 429, retryAfterSeconds: 1 } }, expected: { status: 429, type: "rate_limit", retryable: true, retryAfterMs: 1000 } },
    { title: "500 internal_error", scenario: { error: { status: 500 } }, expected: { status: 500, type: "server", retryable: true, vendorCode: "internal_error" } },
    { title: "503", scenario: { error: { status: 503 } }, expected: { status: 503, type: "overloaded", retryable: true } },
  ],
  streamError: { type: "server", retryable: true },
  assertToolRoundTripRequest(body) {
    expect(body).toMatchObject({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", tool_calls: [{ id: "call_a1" }] },
        { role: "tool", tool_call_id: "call_a1" },
      ],
    });
  },
});

describe("qianfan specifics", () => {
  it("maps finish_reason normal to stop, sends appid, merges consecutive user turns", async () => {
    const mock = await startQianfanMock();
    const transport = new UndiciTransport();
    try {
      const { response } = await createQianfanAdapter(transport).chat(
        { model: "ernie-3.5-8k", messages: [{ role: "user", content: "a" }, { role: "user", content: "b" }] },
        { config: { apiKey: "k", appId: "app-1", baseUrl: mock.baseUrl } },
      );
      expect(response.choices[0]?.finish_reason).toBe("stop");
      expect(mock.lastRequest?.headers).toMatchObject({ authorization: "Bearer k", appid: "app-1" });
      expect(mock.lastRequest?.body).toMatchObject({ messages: [{ role: "user", content: "a\nb" }] });
    } finally {
      await transport.close();
      await mock.close();
    }
  });
});
