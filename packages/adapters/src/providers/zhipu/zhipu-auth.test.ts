import { startZhipuMock, type ZhipuMock } from "@llm-serve/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { captureError, collectChat } from "../../../test/stream-helpers.js";
import { UndiciTransport } from "../../http/undici-transport.js";
import { createZhipuAdapter } from "./zhipu-adapter.js";
import { signZhipuJwt } from "./zhipu-jwt.js";

const KEY = "a1b2c3d4e5f6.XyZsecret123";
const transport = new UndiciTransport();
let clock = 1_735_000_000_000;
let mock: ZhipuMock;
const request = { model: "glm-4-flash", messages: [{ role: "user" as const, content: "你好" }] };

beforeAll(async () => {
  mock = await startZhipuMock({ apiKey: KEY, now: () => clock });
});
afterEach(() => {
  mock.resetScenario();
  mock.clearRequests();
});
afterAll(async () => {
  await transport.close();
  await mock.close();
});

describe("Zhipu authentication", () => {
  it("signs an HS256 JWT with sign_type SIGN, typ JWT (as the SDK's PyJWT header) and millisecond timestamps", () => {
    const token = signZhipuJwt(KEY, 1_735_000_000_000);
    const [header, payload] = token.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: "HS256", sign_type: "SIGN", typ: "JWT" });
    expect(Buffer.from(token.split(".")[0] ?? "", "base64url").toString()).toBe('{"alg":"HS256","sign_type":"SIGN","typ":"JWT"}');
    expect(payload).toEqual({ api_key: "a1b2c3d4e5f6", exp: 1_735_000_210_000, timestamp: 1_735_000_000_000 });
    expect(() => signZhipuJwt("no-dot", 0)).toThrow(/<id>.<secret>/);
  });

  it("sends the plain key by default", async () => {
    await createZhipuAdapter(transport, () => clock).chat(request, { config: { apiKey: KEY, baseUrl: mock.baseUrl } });
    expect(mock.lastRequest?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("in jwt mode the upstream verifies the signature; the token is reused until near expiry", async () => {
    const adapter = createZhipuAdapter(transport, () => clock);
    const context = { config: { apiKey: KEY, authMode: "jwt" as const, baseUrl: mock.baseUrl } };
    await adapter.chat(request, context);
    clock += 170_000;
    await collectChat(adapter.streamChat(request, context));
    const [first, second] = mock.requests.map((recorded) => recorded.headers.authorization);
    expect(first).toMatch(/^Bearer ey/);
    expect(second).toBe(first);
    clock += 20_000; // 190 s after signing: past the 180 s reuse window, re-signed
    await adapter.chat(request, context);
    expect(mock.requests[2]?.headers.authorization).not.toBe(first);
    expect(mock.jwtPayloads.map((payload) => payload.timestamp)).toEqual([1_735_000_000_000, 1_735_000_000_000, 1_735_000_190_000]);
  });

  it("an expired JWT is rejected with code 1003 as an authentication error", async () => {
    const adapter = createZhipuAdapter(transport, () => clock - 300_000);
    const error = await captureError(() => adapter.chat(request, { config: { apiKey: KEY, authMode: "jwt", baseUrl: mock.baseUrl } }));
    expect(error).toMatchObject({ status: 401, type: "authentication", vendorCode: "1003", retryable: false });
  });

  it("a JWT signed with the wrong secret is rejected with code 1002", async () => {
    const adapter = createZhipuAdapter(transport, () => clock);
    const error = await captureError(() => adapter.chat(request, { config: { apiKey: "a1b2c3d4e5f6.wrong", authMode: "jwt", baseUrl: mock.baseUrl } }));
    expect(error).toMatchObject({ status: 401, type: "authentication", vendorCode: "1002" });
  });
});

describe("Zhipu embeddings and images", () => {
  it("embeds and generates images through the v4 paths", async () => {
    const adapter = createZhipuAdapter(transport, () => clock);
    const context = { config: { apiKey: KEY, baseUrl: mock.baseUrl } };
    const embedded = await adapter.embed({ model: "embedding-3", input: ["a", "b"], dimensions: 4 }, context);
    expect(embedded.response.data.map((item) => (item.embedding as number[]).length)).toEqual([4, 4]);
    expect(embedded.usage).toMatchObject({ promptTokens: 8, estimated: false });
    const images = await adapter.generateImage({ model: "cogview-3-plus", prompt: "一只可爱的小猫" }, context);
    expect(images.usage.images).toBe(1);
    expect(mock.requests.map((recorded) => recorded.path)).toEqual(["/api/paas/v4/embeddings", "/api/paas/v4/images/generations"]);
    expect(adapter.capabilities("embedding-3")).toMatchObject({ embeddings: true, chat: false });
  });

  it("validate probes with a one-token chat", async () => {
    const adapter = createZhipuAdapter(transport, () => clock);
    expect(await adapter.validate({ apiKey: KEY, baseUrl: mock.baseUrl })).toMatchObject({ status: "available" });
    expect(mock.lastRequest?.body).toMatchObject({ model: "glm-4-flash", max_tokens: 1 });
    expect(await adapter.validate({ apiKey: "x.y", baseUrl: mock.baseUrl })).toMatchObject({ status: "error", error: { type: "authentication" } });
  });
});
