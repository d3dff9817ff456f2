import { startGeminiMock, type GeminiMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UndiciTransport } from "../../http/undici-transport.js";
import type { ChatCompletionRequest } from "../../spec/chat-types.js";
import { UpstreamError } from "../../spec/upstream-error.js";
import { GeminiAdapter } from "./gemini-adapter.js";

/** What zod-to-json-schema and MCP servers emit: valid JSON Schema that Gemini's `parameters` refuses. */
const zodLikeSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: {
    unit: { const: "celsius" },
    days: { type: "integer", exclusiveMinimum: 0 },
    note: { type: ["string", "null"] },
  },
  required: ["unit"],
  additionalProperties: false,
};

const ask = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: "gemini-2.0-flash", messages: [{ role: "user", content: "Weather?" }], ...extra });

describe("gemini: JSON Schema tools and response schemas, API version per deployment", () => {
  let mock: GeminiMock;
  let transport: UndiciTransport;
  let adapter: GeminiAdapter;
  beforeAll(async () => {
    mock = await startGeminiMock({ apiKey: "k" });
    transport = new UndiciTransport();
    adapter = new GeminiAdapter(transport);
  });
  afterAll(async () => {
    await transport.close();
    await mock.close();
  });

  it("the mock refuses keywords outside Gemini's Schema in `parameters`, as the API does", async () => {
    const response = await fetch(`${mock.url}/v1beta/models/gemini-2.0-flash:generateContent`, {
      method: "POST",
      headers: { "x-goog-api-key": "k", "content-type": "application/json" },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "x" }] }], tools: [{ functionDeclarations: [{ name: "f", parameters: zodLikeSchema }] }] }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { status: string; message: string } };
    expect(body.error).toMatchObject({ status: "INVALID_ARGUMENT" });
    expect(body.error.message).toContain('Unknown name "$schema"');
  });

  it("sends OpenAI tool schemas as parametersJsonSchema, untouched, and the call succeeds", async () => {
    const tools = [{ type: "function" as const, function: { name: "get_weather", description: "Weather", parameters: zodLikeSchema } }];
    const { response } = await adapter.chat(ask({ tools }), { config: { apiKey: "k", baseUrl: mock.url } });
    expect(response.choices[0]?.finish_reason).toBe("stop");
    const declaration = (mock.lastRequest?.body as { tools: Array<{ functionDeclarations: Array<Record<string, unknown>> }> }).tools[0]?.functionDeclarations[0];
    expect(declaration).toEqual({ name: "get_weather", description: "Weather", parametersJsonSchema: zodLikeSchema });
  });

  it("sends a json_schema response format as responseJsonSchema", async () => {
    const response_format = { type: "json_schema" as const, json_schema: { name: "weather", schema: zodLikeSchema } };
    await adapter.chat(ask({ response_format }), { config: { apiKey: "k", baseUrl: mock.url } });
    expect((mock.lastRequest?.body as { generationConfig: unknown }).generationConfig).toEqual({ responseMimeType: "application/json", responseJsonSchema: zodLikeSchema });
  });

  it("uses v1beta by default and the deployment's api_version (v1) when set, on chat, stream and embeddings", async () => {
    await adapter.chat(ask(), { config: { apiKey: "k", baseUrl: mock.url } });
    expect(mock.lastRequest?.path).toBe("/v1beta/models/gemini-2.0-flash:generateContent");
    const v1 = { config: { apiKey: "k", baseUrl: mock.url, apiVersion: "v1" } };
    await adapter.chat(ask(), v1);
    expect(mock.lastRequest?.path).toBe("/v1/models/gemini-2.0-flash:generateContent");
    for await (const _part of adapter.streamChat(ask(), v1)) void _part;
    expect(mock.lastRequest?.url).toBe("/v1/models/gemini-2.0-flash:streamGenerateContent?alt=sse");
    await adapter.embed({ model: "text-embedding-004", input: "x" }, v1);
    expect(mock.lastRequest?.path).toBe("/v1/models/text-embedding-004:batchEmbedContents");
  });

  it("a base URL that still ends in a version (the old default form) gets the deployment's version instead", async () => {
    await adapter.chat(ask(), { config: { apiKey: "k", baseUrl: `${mock.url}/v1beta/`, apiVersion: "v1" } });
    expect(mock.lastRequest?.path).toBe("/v1/models/gemini-2.0-flash:generateContent");
  });

  it("an api_version Gemini does not serve is a deployment error, raised before any request", async () => {
    mock.clearRequests();
    const failure = await adapter.chat(ask(), { config: { apiKey: "k", baseUrl: mock.url, apiVersion: "v2" } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure).toMatchObject({ status: 500, vendorCode: "invalid_deployment_config", retryable: false });
    expect(mock.requests).toHaveLength(0);
  });
});
