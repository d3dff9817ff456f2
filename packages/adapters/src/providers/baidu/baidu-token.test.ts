import { startBaiduMock, type BaiduMock } from "@llm-serve/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { captureError, collectChat } from "../../../test/stream-helpers.js";
import { UndiciTransport } from "../../http/undici-transport.js";
import type { CallContext } from "../../spec/call-context.js";
import { BaiduWenxinAdapter } from "./baidu-adapter.js";

const transport = new UndiciTransport();
let mock: BaiduMock;
let context: CallContext;
const request = { model: "ERNIE-3.5-8K", messages: [{ role: "user" as const, content: "你好" }] };
const tokenRequests = (): number => mock.requests.filter((recorded) => recorded.path === "/oauth/2.0/token").length;
const chatRequests = () => mock.requests.filter((recorded) => recorded.path.includes("/chat/"));

beforeAll(async () => {
  mock = await startBaiduMock({ apiKey: "ak-good", secretKey: "sk-good", tokenTtlSeconds: 120 });
  context = { config: { apiKey: "ak-good", secretKey: "sk-good", baseUrl: mock.baseUrl } };
});
afterEach(() => {
  mock.resetScenario();
  mock.clearRequests();
});
afterAll(async () => {
  await transport.close();
  await mock.close();
});

describe("Baidu Wenxin v1 access tokens", () => {
  it("fetches a token with the client-credentials query and caches it across calls", async () => {
    const adapter = new BaiduWenxinAdapter(transport);
    await adapter.chat(request, context);
    await adapter.chat(request, context);
    await collectChat(adapter.streamChat(request, context));
    expect(tokenRequests()).toBe(1);
    expect(mock.requests[0]).toMatchObject({ method: "POST", path: "/oauth/2.0/token", query: { grant_type: "client_credentials", client_id: "ak-good", client_secret: "sk-good" } });
    const token = mock.issuedTokens.at(-1);
    expect(chatRequests().map((recorded) => recorded.query.access_token)).toEqual([token, token, token]);
    expect(chatRequests()[0]?.path).toBe("/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/completions");
  });

  it("shares one token fetch between concurrent first calls", async () => {
    const adapter = new BaiduWenxinAdapter(transport);
    await Promise.all(Array.from({ length: 5 }, () => adapter.chat(request, context)));
    expect(tokenRequests()).toBe(1);
  });

  it("refreshes the token once when the vendor says it expired (111) and retries", async () => {
    const adapter = new BaiduWenxinAdapter(transport);
    await adapter.chat(request, context);
    const oldToken = mock.issuedTokens.at(-1);
    mock.expireTokens();
    const { response } = await adapter.chat(request, context);
    expect(response.choices[0]?.message.content).toBe("Hello from the mock upstream.");
    const newToken = mock.issuedTokens.at(-1);
    expect(newToken).not.toBe(oldToken);
    expect(chatRequests().map((recorded) => recorded.query.access_token)).toEqual([oldToken, oldToken, newToken]);
  });

  it("refreshes on 110 (invalid token) before a stream starts", async () => {
    const adapter = new BaiduWenxinAdapter(transport);
    await adapter.chat(request, context);
    mock.revokeTokens();
    const result = await collectChat(adapter.streamChat(request, context));
    expect(result.text).toBe("Hello from the mock upstream.");
    expect(tokenRequests()).toBe(2);
  });

  it("retries only once: a second token error surfaces as an authentication error", async () => {
    const adapter = new BaiduWenxinAdapter(transport);
    mock.queueScenario({ error: { errorCode: 111 } }, { error: { errorCode: 111 } });
    const error = await captureError(() => adapter.chat(request, context));
    expect(error).toMatchObject({ type: "authentication", vendorCode: "111", retryable: false, status: 401 });
    expect(chatRequests()).toHaveLength(2);
    expect(tokenRequests()).toBe(2);
  });

  it("fetches a new token when the cached one nears expiry", async () => {
    let now = 1_000_000;
    const adapter = new BaiduWenxinAdapter(transport, () => now);
    await adapter.chat(request, context);
    now += 59_000; // ttl 120 s minus a 60 s safety margin: still fresh
    await adapter.chat(request, context);
    expect(tokenRequests()).toBe(1);
    now += 2_000;
    await adapter.chat(request, context);
    expect(tokenRequests()).toBe(2);
  });

  it("validate reports a bad secret key as an authentication error", async () => {
    const adapter = new BaiduWenxinAdapter(transport);
    const result = await adapter.validate({ ...context.config, secretKey: "wrong" });
    expect(result).toMatchObject({ status: "error", error: { type: "authentication", vendorCode: "invalid_client", message: "Client authentication failed", retryable: false } });
    expect(await adapter.validate(context.config)).toMatchObject({ status: "available" });
  });

  it("routes models through the endpoint table and config overrides", async () => {
    const adapter = new BaiduWenxinAdapter(transport);
    await adapter.chat({ ...request, model: "ERNIE-Speed-8K" }, context);
    await adapter.chat({ ...request, model: "my-model" }, { config: { ...context.config, modelEndpoints: { "my-model": "my_deployment" } } });
    expect(chatRequests().map((recorded) => recorded.path.split("/").at(-1))).toEqual(["ernie_speed", "my_deployment"]);
  });

  it("maps embeddings (embedding_list -> list)", async () => {
    const adapter = new BaiduWenxinAdapter(transport);
    const { response, usage } = await adapter.embed({ model: "Embedding-V1", input: ["a", "b"] }, context);
    expect(response).toMatchObject({ object: "list", model: "Embedding-V1", usage: { prompt_tokens: 6, total_tokens: 6 } });
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    expect(usage.promptTokens).toBe(6);
    expect(mock.lastRequest).toMatchObject({ path: "/rpc/2.0/ai_custom/v1/wenxinworkshop/embeddings/embedding-v1", body: { input: ["a", "b"] } });
  });
});
