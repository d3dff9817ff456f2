import { startAnthropicMock, type AnthropicMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UndiciTransport } from "../../http/undici-transport.js";
import type { ChatCompletionRequest } from "../../spec/chat-types.js";
import { ANTHROPIC_VERSION, AnthropicAdapter } from "./anthropic-adapter.js";

const ask = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }], ...extra });

describe("anthropic: sampling as the API version allows, bearer auth, anthropic-version per deployment", () => {
  let mock: AnthropicMock;
  let transport: UndiciTransport;
  let adapter: AnthropicAdapter;
  beforeAll(async () => {
    mock = await startAnthropicMock({ apiKey: "sk-ant-good" });
    transport = new UndiciTransport();
    adapter = new AnthropicAdapter(transport);
  });
  afterAll(async () => {
    await transport.close();
    await mock.close();
  });

  async function post(headers: Record<string, string>, body: Record<string, unknown>): Promise<{ status: number; body: { error?: { type: string; message: string } } }> {
    const response = await fetch(`${mock.baseUrl}/messages`, { method: "POST", headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", ...headers }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { error?: { type: string; message: string } } };
  }
  const minimal = { model: "claude-sonnet-4-5", max_tokens: 16, messages: [{ role: "user", content: "Hi" }] };

  it("on 2023-06-01 the mock refuses temperature and top_p together with a 400, as current Claude models do", async () => {
    const answer = await post({ "x-api-key": "sk-ant-good" }, { ...minimal, temperature: 0.5, top_p: 0.9 });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ type: "invalid_request_error", message: "`temperature` and `top_p` cannot both be specified for this model. Please use only one." });
    expect((await post({ "x-api-key": "sk-ant-good" }, { ...minimal, temperature: 0.5 })).status).toBe(200);
  });

  it("on 2026-10-21 the mock refuses any sampling parameter, even at its default value", async () => {
    for (const sampling of [{ temperature: 1 }, { top_p: 0.9 }, { top_k: 5 }]) {
      const answer = await post({ "x-api-key": "sk-ant-good", "anthropic-version": "2026-10-21" }, { ...minimal, ...sampling });
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toBe(`${Object.keys(sampling)[0]}: Extra inputs are not permitted`);
    }
  });

  it("the mock takes the key as x-api-key or as a bearer token (x-api-key decides when both come), and refuses a wrong one", async () => {
    expect((await post({ "x-api-key": "sk-ant-good" }, minimal)).status).toBe(200);
    expect((await post({ authorization: "Bearer sk-ant-good" }, minimal)).status).toBe(200);
    expect((await post({ authorization: "Bearer sk-ant-bad" }, minimal)).status).toBe(401);
    expect((await post({ authorization: "Bearer sk-ant-good", "x-api-key": "sk-ant-bad" }, minimal)).status).toBe(401);
  });

  it("on the default version (2026-10-21) no sampling parameter is sent, so a client's temperature cannot fail the call", async () => {
    const { response } = await adapter.chat(ask({ temperature: 0.4, top_p: 0.8 }), { config: { apiKey: "sk-ant-good", baseUrl: mock.baseUrl } });
    expect(response.choices[0]?.finish_reason).toBe("stop");
    expect(mock.lastRequest?.body).not.toHaveProperty("temperature");
    expect(mock.lastRequest?.body).not.toHaveProperty("top_p");
  });

  it("on 2023-06-01 a client's temperature and top_p together become temperature alone; top_p alone is kept", async () => {
    const old = { config: { apiKey: "sk-ant-good", baseUrl: mock.baseUrl, apiVersion: "2023-06-01" } };
    const { response } = await adapter.chat(ask({ temperature: 0.4, top_p: 0.8 }), old);
    expect(response.choices[0]?.finish_reason).toBe("stop");
    expect(mock.lastRequest?.body).toMatchObject({ temperature: 0.4 });
    expect(mock.lastRequest?.body).not.toHaveProperty("top_p");
    await adapter.chat(ask({ top_p: 0.8 }), old);
    expect(mock.lastRequest?.body).toMatchObject({ top_p: 0.8 });
    expect(mock.lastRequest?.body).not.toHaveProperty("temperature");
  });

  it("sends the key as a bearer token and the current anthropic-version unless the deployment names one", async () => {
    await adapter.chat(ask(), { config: { apiKey: "sk-ant-good", baseUrl: mock.baseUrl } });
    expect(mock.lastRequest?.headers).toMatchObject({ authorization: "Bearer sk-ant-good", "anthropic-version": ANTHROPIC_VERSION });
    expect(mock.lastRequest?.headers).not.toHaveProperty("x-api-key");
    expect(ANTHROPIC_VERSION).toBe("2026-10-21");
    for await (const _part of adapter.streamChat(ask(), { config: { apiKey: "sk-ant-good", baseUrl: mock.baseUrl, apiVersion: "2023-06-01" } })) void _part;
    expect(mock.lastRequest?.headers).toMatchObject({ "anthropic-version": "2023-06-01" });
  });
});
