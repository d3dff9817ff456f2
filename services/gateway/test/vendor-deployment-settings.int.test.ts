import { startAnthropicMock, startGeminiMock, startQianfanMock, waitFor, type AnthropicMock, type GeminiMock, type QianfanMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

/** What zod-to-json-schema emits: JSON Schema that Gemini's `parameters` form refuses. */
const ZOD_LIKE_SCHEMA = { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { days: { type: "integer", exclusiveMinimum: 0 } }, additionalProperties: false };

interface Deployment {
  provider_type: string;
  base_url: string;
  api_key: string;
  upstream_model: string;
  api_version?: string;
}

/**
 * Issue #14 through the whole platform: the deployment's `api_version` (model registry → routing
 * table → adapter) picks Gemini's API version and Anthropic's `anthropic-version`, and the vendor
 * fidelity fixes hold behind the gateway, against mocks that refuse what the vendors refuse.
 */
describe("vendor deployment settings and fidelity, through the gateway", () => {
  let platform: Platform;
  let gemini: GeminiMock;
  let anthropic: AnthropicMock;
  let qianfan: QianfanMock;
  let key: IssuedKey;

  async function addModel(id: string, deployment: Deployment): Promise<void> {
    const response = await fetch(`${platform.gateway.url}/admin/models`, {
      method: "POST",
      headers: { authorization: `Bearer ${platform.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        id,
        price_plan_id: "plan-standard",
        capability: { endpoints: ["chat.completions"], context_window: 128_000, max_output_tokens: 4_096, supports_streaming: true },
        deployments: [{
          id: "vendor",
          provider_type: deployment.provider_type,
          base_url: deployment.base_url,
          credentials: { api_key: deployment.api_key },
          upstream_model: deployment.upstream_model,
          ...(deployment.api_version ? { options: { api_version: deployment.api_version } } : {}),
        }],
      }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
  }

  function chat(model: string, extra: Record<string, unknown> = {}): Promise<Response> {
    return fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "Hi" }], ...extra }),
    });
  }

  beforeAll(async () => {
    [gemini, anthropic, qianfan] = await Promise.all([startGeminiMock({ apiKey: "AIza-int" }), startAnthropicMock({ apiKey: "sk-ant-int" }), startQianfanMock({ apiKey: "qf-int" })]);
    platform = await startPlatform();
    await addModel("gemini-on-v1", { provider_type: "gemini", base_url: gemini.url, api_key: "AIza-int", upstream_model: "gemini-2.0-flash", api_version: "v1" });
    await addModel("claude-default", { provider_type: "anthropic", base_url: anthropic.baseUrl, api_key: "sk-ant-int", upstream_model: "claude-sonnet-4-5" });
    await addModel("claude-2023", { provider_type: "anthropic", base_url: anthropic.baseUrl, api_key: "sk-ant-int", upstream_model: "claude-sonnet-4-5", api_version: "2023-06-01" });
    await addModel("ernie", { provider_type: "baidu-qianfan", base_url: qianfan.baseUrl, api_key: "qf-int", upstream_model: "ernie-4.0-8k" });
    key = await platform.createKey();
    for (const model of ["gemini-on-v1", "claude-default", "claude-2023", "ernie"]) {
      await waitFor(async () => (await fetch(`${platform.gateway.url}/v1/models/${model}`, { headers: { authorization: `Bearer ${key.secret}` } })).status === 200, { description: `the gateway knows ${model}` });
    }
  });

  afterAll(async () => {
    await platform?.stop();
    await Promise.all([gemini?.close(), anthropic?.close(), qianfan?.close()]);
  });

  it("Gemini: the deployment's api_version v1 is the path, and a zod-style tool schema goes as parametersJsonSchema (accepted)", async () => {
    const tools = [{ type: "function", function: { name: "forecast", parameters: ZOD_LIKE_SCHEMA } }];
    const response = await chat("gemini-on-v1", { tools });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(gemini.lastRequest?.path).toBe("/v1/models/gemini-2.0-flash:generateContent");
    expect(gemini.lastRequest?.body).toMatchObject({ tools: [{ functionDeclarations: [{ name: "forecast", parametersJsonSchema: ZOD_LIKE_SCHEMA }] }] });
  });

  it("Anthropic on the default version: a client's temperature and top_p are not sent (2026-10-21 refuses them), key as bearer", async () => {
    const response = await chat("claude-default", { temperature: 0.3, top_p: 0.9 });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(anthropic.lastRequest?.headers).toMatchObject({ "anthropic-version": "2026-10-21", authorization: "Bearer sk-ant-int" });
    expect(anthropic.lastRequest?.body).not.toHaveProperty("temperature");
    expect(anthropic.lastRequest?.body).not.toHaveProperty("top_p");
  });

  it("Anthropic on a deployment pinned to 2023-06-01: that version is sent and temperature wins over top_p", async () => {
    const response = await chat("claude-2023", { temperature: 0.3, top_p: 0.9 });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(anthropic.lastRequest?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(anthropic.lastRequest?.body).toMatchObject({ temperature: 0.3 });
    expect(anthropic.lastRequest?.body).not.toHaveProperty("top_p");
  });

  it("Qianfan: max_completion_tokens is sent, and a rate-limit error at HTTP 200 reaches the client as a 429, not a 502", async () => {
    const ok = await chat("ernie", { max_tokens: 32 });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(qianfan.lastRequest?.body).toMatchObject({ max_completion_tokens: 32 });
    qianfan.setScenario({ error: { status: 429, code: "rate_limit_exceeded" }, errorAtHttp200: true });
    try {
      const refused = await chat("ernie");
      const body = (await refused.json()) as { error?: { message: string; type: string } };
      expect(refused.status, JSON.stringify(body)).toBe(429);
      expect(body.error).toBeDefined();
    } finally {
      qianfan.resetScenario();
    }
  });
});
