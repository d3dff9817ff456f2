import { startQianfanMock, type QianfanMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UndiciTransport } from "../../http/undici-transport.js";
import type { ChatCompletionRequest } from "../../spec/chat-types.js";
import { UpstreamError } from "../../spec/upstream-error.js";
import { createQianfanAdapter } from "./qianfan-adapter.js";

const ask = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: "ernie-4.0-8k", messages: [{ role: "user", content: "Hi" }], ...extra });

describe("qianfan v2: max_completion_tokens and errors sent at HTTP 200", () => {
  let mock: QianfanMock;
  let transport: UndiciTransport;
  const adapter = () => createQianfanAdapter(transport);
  const context = () => ({ config: { apiKey: "k", baseUrl: mock.baseUrl } });
  beforeAll(async () => {
    mock = await startQianfanMock({ apiKey: "k" });
    transport = new UndiciTransport();
  });
  afterAll(async () => {
    await transport.close();
    await mock.close();
  });

  it("sends the output limit as max_completion_tokens, whichever name the client used", async () => {
    await adapter().chat(ask({ max_tokens: 64 }), context());
    expect(mock.lastRequest?.body).toMatchObject({ max_completion_tokens: 64 });
    expect(mock.lastRequest?.body).not.toHaveProperty("max_tokens");
    await adapter().chat(ask({ max_completion_tokens: 32 }), context());
    expect(mock.lastRequest?.body).toMatchObject({ max_completion_tokens: 32 });
  });

  const cases = [
    { code: "rate_limit_exceeded", status: 429, type: "rate_limit", retryable: true },
    { code: "invalid_argument", status: 400, type: "invalid_request", retryable: false },
    { code: "no_such_model", status: 404, type: "not_found", retryable: false },
  ];
  for (const { code, status, type, retryable } of cases) {
    it(`a unary {"error":{"code":"${code}"}} at HTTP 200 is that error (${status}), vendor code kept`, async () => {
      mock.queueScenario({ error: { status, code }, errorAtHttp200: true });
      const failure = await adapter().chat(ask(), context()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(UpstreamError);
      expect(failure).toMatchObject({ status, type, retryable, vendorCode: code });
    });
  }

  it("a streamed call answered by a JSON error body at HTTP 200 raises that error (429, code kept), not a connection error", async () => {
    mock.queueScenario({ error: { status: 429, code: "rate_limit_exceeded", message: "rpm_rate_limit_exceeded" }, errorAtHttp200: true });
    const failure = await (async () => {
      for await (const _part of adapter().streamChat(ask(), context())) void _part;
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure).toMatchObject({ status: 429, type: "rate_limit", retryable: true, vendorCode: "rate_limit_exceeded", message: "rpm_rate_limit_exceeded" });
  });
});
