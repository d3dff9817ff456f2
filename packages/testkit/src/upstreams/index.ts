/**
 * Mock vendor upstreams: real node:http servers on 127.0.0.1, port 0, speaking each vendor's wire format.
 *
 *   const upstream = await startOpenAIMock({ apiKey: "sk-test" });   // or startAnthropicMock, startGeminiMock,
 *   adapterConfig.baseUrl = upstream.baseUrl;                        // startBaiduMock, startQianfanMock,
 *   upstream.setScenario({ reply: { text: "hi" }, chunkDelayMs: 20 }); // startZhipuMock, startAzureOpenAIMock
 *   upstream.queueScenario({ error: { status: 429 } });              // next request only
 *   upstream.requests / upstream.lastRequest                         // method, url, path, query, headers, body
 *   upstream.connections                                             // { open, opened, closed }
 *   await upstream.waitFor(() => upstream.connections.closed > 0, 100);
 *   await upstream.close();
 *
 * Scenario knobs (all mocks): `reply` (text, reasoning, toolCalls, finishReason, usage | null),
 * `error` (vendor-specific shape), `latencyMs`, `firstEventDelayMs`, `chunkDelayMs`, `splitBytes`,
 * `disconnectAfterEvents`, `streamErrorAfterEvents`. Everything defaults to zero delay; pass
 * `maxRecordedRequests: 0` for benchmarks.
 */
export * from "./mock-knobs.js";
export * from "./mock-reply.js";
export * from "./mock-server.js";
export * from "./openai-format.js";
export * from "./openai-mock.js";
export * from "./recorded-request.js";
export * from "./respond.js";
export * from "./scenario-queue.js";
export * from "./vendor-mock.js";
export * from "./anthropic-mock.js";
export * from "./gemini-mock.js";
export * from "./baidu-mock.js";
export * from "./zhipu-mock.js";
export * from "./azure-openai-mock.js";
export * from "./qianfan-mock.js";
