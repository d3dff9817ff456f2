import { startOpenAIMock, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountingProbe, VENDOR_KEY } from "./accounting-harness.js";
import { startPlatform, type Platform } from "./platform-fixture.js";

const BUDGET = 20_000;
const CONCURRENT = 100;
/** What the vendor bills each request: no more than our bound of any of the three kinds below. */
const BILLED = { promptTokens: 3_000, completionTokens: 50 };

const image = { type: "image_url", image_url: { url: "https://example.com/large.png", detail: "high" } };
/** 96 KB of audio: at most 96 s at the lowest MP3 rate, 3,072 tokens at 32 a second. */
const audio = { type: "input_audio", input_audio: { data: Buffer.alloc(96 * 1024).toString("base64"), format: "mp3" } };
/** A 4 KB document: at most 4,096 tokens of extracted text. */
const file = { type: "file", file: { filename: "doc.pdf", file_data: `data:application/pdf;base64,${Buffer.alloc(4_096).toString("base64")}` } };

const CONTENTS = [
  [{ type: "text", text: "Describe these." }, image, image, image],
  [{ type: "text", text: "Transcribe this." }, audio],
  [{ type: "text", text: "Summarise this." }, file],
];

/**
 * docs/quota.md's bound for requests whose prompt is mostly images, audio or files: their
 * reservations bound every input kind, so 100 concurrent such requests against a small budget never
 * overspend it, and the counter equals the usage events exactly.
 */
describe("reservations bound images, audio and files", () => {
  let platform: Platform;
  let probe: AccountingProbe;
  let vendor: OpenAIMock;

  beforeAll(async () => {
    vendor = await startOpenAIMock({ apiKey: VENDOR_KEY, scenario: { latencyMs: 200, reply: { usage: BILLED } } });
    platform = await startPlatform({ QUOTA_DEFAULT_POLICIES: "[]" });
    probe = new AccountingProbe(platform);
  });

  afterAll(async () => {
    await probe?.close();
    await platform?.stop();
    await vendor?.close();
  });

  it("never spends more than a 20,000-token budget with 100 concurrent multimodal requests", async () => {
    const key = await platform.createKey();
    await probe.createModel(
      {
        id: "acct-vision",
        price_plan_id: "plan-standard",
        capability: { endpoints: ["chat.completions"], context_window: 128_000, max_output_tokens: 4_096, supports_streaming: true, supports_vision: true },
        runtime: { max_retries: 0 },
        deployments: [{ id: "vision", provider_type: "openai", base_url: vendor.baseUrl, credentials: { api_key: VENDOR_KEY }, upstream_model: "gpt-4o" }],
      },
      key,
    );
    const policyId = await probe.createPolicy({ scope: "key", scope_id: key.keyId, token_budget: { limit: BUDGET, period: "day" }, fail_mode: "closed" });

    const statuses = await Promise.all(
      Array.from({ length: CONCURRENT }, async (_, index) => {
        const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
          body: JSON.stringify({ model: "acct-vision", max_tokens: 50, messages: [{ role: "user", content: CONTENTS[index % CONTENTS.length] }] }),
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    const admitted = statuses.filter((status) => status === 200).length;
    // Every request is either served or refused by the budget: nothing else (a 503 would be a stall).
    expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    expect(admitted).toBeGreaterThan(0);

    const used = await probe.settledTokens(policyId);
    expect(used).toBeLessThanOrEqual(BUDGET);
    expect(used).toBe(admitted * (BILLED.promptTokens + BILLED.completionTokens));
    const events = await probe.eventsOf(key.keyId);
    expect(events.filter((event) => event.outcome === "succeeded")).toHaveLength(admitted);
    expect(events.reduce((sum, event) => sum + event.totalTokens, 0)).toBe(used);
  }, 120_000);
});
