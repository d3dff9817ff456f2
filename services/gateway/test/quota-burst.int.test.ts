import { estimateChatPromptTokens } from "@llm-serve/adapters";
import { createRedis } from "@llm-serve/common";
import { KeyLayout, parseNotice, quotaKeyPrefix, type QuotaNotice } from "@llm-serve/quota-engine";
import { INFRA, startOpenAIMock, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type RunningGateway } from "../src/app.js";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

const VENDOR_KEY = "sk-vendor-key-0123456789abcdef";
const BUDGET = 3_000;
const CALLS = 200;
const MAX_TOKENS = 400;
/** What the vendor reports for every call: 12 + 24 tokens, after 800 ms. */
const CALL_TOKENS = 36;

type Answer = { status: number; headers: Headers; body: Record<string, any> };

interface Burst {
  answers: Answer[];
  admitted: Answer[];
  reported: number;
  usage: { used: number; held: number; limit: number };
  exceeded: QuotaNotice[];
}

/**
 * Issue 20: a budget only *held* by calls in flight is not refused as spent. 200 calls at once
 * against a 3,000-token daily budget, over two gateway replicas, a vendor that answers 36 tokens
 * after 800 ms, `max_tokens: 400`; with and without bounded waiting.
 */
describe("a token budget under a burst of slow calls, over two gateway replicas", () => {
  let platform: Platform;
  let second: RunningGateway;
  let vendor: OpenAIMock;
  let redis: ReturnType<typeof createRedis>;
  let layout: KeyLayout;

  const post = async (url: string, path: string, token: string, body: unknown): Promise<Answer> => {
    const response = await fetch(`${url}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text.startsWith("{") ? (JSON.parse(text) as Record<string, any>) : { text } };
  };
  const admin = (path: string, body: unknown) => post(platform.gateway.url, path, platform.adminToken, body);
  const usageOf = async (policyId: string) => {
    const response = await fetch(`${platform.gateway.url}/admin/quota/policies/${policyId}/usage`, { headers: { authorization: `Bearer ${platform.adminToken}` } });
    return ((await response.json()) as { data: Array<{ used: number; held: number; limit: number }> }).data[0]!;
  };
  const exceededNotices = async (policyId: string) =>
    (await redis.xrange(layout.notices, "-", "+"))
      .map(([id, fields]) => parseNotice(id, fields))
      .filter((notice): notice is QuotaNotice => !(notice instanceof Error) && notice.kind === "exceeded" && notice.ref.policyId === policyId);

  const keys: Record<string, { key: IssuedKey; policyId: string }> = {};

  beforeAll(async () => {
    // Near a limit the gateway counts a refused prompt with its tokenizer, whose first use loads its
    // tables — seconds of a blocked event loop on a loaded machine (issue 12.1, not this test's
    // subject): loaded here, once, in this process that the in-process gateways share.
    await estimateChatPromptTokens({ messages: [{ role: "user", content: "warm-up" }] });
    vendor = await startOpenAIMock({ apiKey: VENDOR_KEY, scenario: { latencyMs: 800, reply: { usage: { promptTokens: 12, completionTokens: 24 } } } });
    // A burst of 200 on a shared two-core machine: Redis answers are measured from a busy event
    // loop, and this test is about budgets, not about fail modes (QUOTA_REDIS_TIMEOUT_MS).
    platform = await startPlatform({ QUOTA_DEFAULT_POLICIES: "[]", QUOTA_REDIS_TIMEOUT_MS: "5000" });
    redis = createRedis({ url: INFRA.redisUrl });
    layout = new KeyLayout(quotaKeyPrefix(platform.env.QUOTA_REDIS_KEY_PREFIX, platform.env.EVENT_NAMESPACE ?? ""));
    // The same vendor model twice: as registered with only its maximum output, and with the
    // operator's bound of 40 output tokens (the vendor request is clamped to it).
    for (const [id, bounds] of [["burst-open", undefined], ["burst-bounded", { max_tokens: 40 }]] as const) {
      const created = await admin("/admin/models", {
        id,
        price_plan_id: "plan-standard",
        capability: { endpoints: ["chat.completions"], context_window: 128000, max_output_tokens: 4096, supports_streaming: true },
        runtime: { max_retries: 0, ...(bounds ? { bounds } : {}) },
        routing: { strategy: "weighted_random" },
        deployments: [{ id: "vendor", provider_type: "openai", base_url: vendor.baseUrl, credentials: { api_key: VENDOR_KEY }, upstream_model: "gpt-4o" }],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    for (const [name, wait, limit] of [["off", 0, BUDGET], ["on", 5_000, BUDGET], ["on-open", 5_000, BUDGET], ["leaver", 10_000, 500]] as const) {
      const key = await platform.createKey();
      const policy = await admin("/admin/quota/policies", { scope: "key", scope_id: key.keyId, token_budget: { limit, period: "day" }, fail_mode: "closed", ...(wait ? { admission_wait_ms: wait } : {}) });
      expect(policy.status, JSON.stringify(policy.body)).toBe(201);
      expect(policy.body.admission_wait_ms).toBe(wait);
      keys[name] = { key, policyId: policy.body.id as string };
    }
    // The second replica loads models and policies as it starts.
    second = await startGateway({ ...platform.env, DATABASE_SCHEMA: `gw_${platform.isolation}` });
    const probe = await platform.createKey();
    for (const gateway of [platform.gateway, second]) {
      for (const model of ["burst-open", "burst-bounded"]) {
        await waitFor(async () => (await post(gateway.url, "/v1/chat/completions", probe.secret, { model, messages: [{ role: "user", content: "hi" }], max_tokens: 5 })).status === 200, { description: `${model} served`, timeoutMs: 30_000 });
      }
    }
  }, 120_000);

  afterAll(async () => {
    await redis?.quit();
    await second?.stop();
    await platform?.stop();
    await vendor?.close();
  });

  async function burst(name: string, model: string): Promise<Burst> {
    const { key, policyId } = keys[name]!;
    const gateways = [platform.gateway, second];
    const answers = await Promise.all(
      Array.from({ length: CALLS }, (_, index) =>
        post(gateways[index % 2]!.url, "/v1/chat/completions", key.secret, { model, messages: [{ role: "user", content: `hello ${index}` }], max_tokens: MAX_TOKENS }),
      ),
    );
    const admitted = answers.filter((answer) => answer.status === 200);
    const reported = admitted.reduce((sum, answer) => sum + (answer.body.usage.total_tokens as number), 0);
    await waitFor(async () => (await usageOf(policyId)).held === 0, { description: "every hold settled" });
    const usage = await usageOf(policyId);
    const codes = answers.reduce<Record<string, number>>((count, answer) => ({ ...count, [answer.body.error?.code ?? answer.status]: (count[answer.body.error?.code ?? answer.status] ?? 0) + 1 }), {});
    console.info(`burst ${name} on ${model}: ${JSON.stringify(codes)}, ${admitted.length} admitted, used ${usage.used} of ${BUDGET} (${Math.round((usage.used / BUDGET) * 100)}%)`);
    return { answers, admitted, reported, usage, exceeded: await exceededNotices(policyId) };
  }

  /** Every refusal is a 429 with retry-after; `insufficient_quota` only where used + the call did not fit. */
  function expectHonestRefusals(result: Burst) {
    for (const answer of result.answers.filter((candidate) => candidate.status !== 200)) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(429);
      expect(Number(answer.headers.get("retry-after")), JSON.stringify(answer.body)).toBeGreaterThanOrEqual(1);
      const used = Number(answer.headers.get("x-ratelimit-used-tokens"));
      const requested = Number(/Requested (\d+)/.exec(answer.body.error.message)?.[1]);
      if (answer.body.error.code === "insufficient_quota") {
        expect(used + requested, answer.body.error.message).toBeGreaterThan(BUDGET);
      } else {
        expect(answer.body.error).toMatchObject({ code: "rate_limit_exceeded" });
        expect(answer.body.error.message).toContain("token budget per day");
        expect(used + requested, answer.body.error.message).toBeLessThanOrEqual(BUDGET);
        // Held by calls in flight, or (nothing held) refused because waiters were in line before it.
        if (Number(answer.headers.get("x-ratelimit-held-tokens")) === 0) expect(answer.body.error.message).toContain("requests waiting in line before this one come first");
      }
    }
    // Exact and never over: the counter holds exactly the tokens the answers reported.
    expect(result.usage.used).toBe(result.reported);
    expect(result.usage.used).toBeLessThanOrEqual(BUDGET);
    expect(result.usage.held).toBe(0);
  }

  it("without waiting, refuses a budget held by calls in flight as temporary, never as spent", async () => {
    const result = await burst("off", "burst-open");
    expectHonestRefusals(result);
    expect(result.admitted.length).toBeGreaterThan(0);
    // The burst takes far less than the budget: nothing is refused as spent, nothing noticed.
    expect(result.usage.used).toBeLessThan(BUDGET - 500);
    expect(result.answers.filter((answer) => answer.body.error?.code === "insufficient_quota")).toEqual([]);
    expect(result.exceeded).toEqual([]);
  });

  it("with a 5 s admission wait and the model's bound, uses at least 90% of the budget and reports it exceeded only when really spent", async () => {
    const result = await burst("on", "burst-bounded");
    expectHonestRefusals(result);
    expect(result.usage.used).toBeGreaterThanOrEqual(BUDGET * 0.9);
    // Noticed once if some call found the budget really spent (used + the call over the limit),
    // not at all if the waits ran out first with a call's room still left.
    const spent = result.answers.filter((answer) => answer.body.error?.code === "insufficient_quota");
    expect(result.exceeded).toHaveLength(spent.length > 0 ? 1 : 0);
    for (const notice of result.exceeded) expect(notice.used + notice.requested).toBeGreaterThan(BUDGET);
  });

  it("with a 5 s admission wait and 420-token holds, stays exact (figures for docs/quota.md)", async () => {
    const result = await burst("on-open", "burst-open");
    expectHonestRefusals(result);
    expect(result.admitted.length).toBeGreaterThan(7);
  });

  it("takes a waiting request whose client disconnects out of the queue at once", async () => {
    const { key, policyId } = keys.leaver!;
    const queue = layout.queue(layout.counterBase(policyId, key.keyId, "token_budget"));
    const body = { model: "burst-open", messages: [{ role: "user", content: "hello" }], max_tokens: MAX_TOKENS };
    // The first call holds 400+ of the 500 tokens for 3 s; the second, on the other replica, waits.
    vendor.queueScenario({ latencyMs: 3_000, reply: { usage: { promptTokens: 12, completionTokens: 24 } } });
    const first = post(platform.gateway.url, "/v1/chat/completions", key.secret, body);
    await waitFor(async () => (await usageOf(policyId)).held > 0, { description: "the first call holds the budget" });
    const client = new AbortController();
    const waiting = fetch(`${second.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" }, body: JSON.stringify(body), signal: client.signal }).catch((error: unknown) => error);
    await waitFor(async () => (await redis.zcard(queue)) === 1, { description: "the second call waits in line" });
    client.abort();
    await waiting;
    await waitFor(async () => (await redis.zcard(queue)) === 0, { description: "the waiter left the queue", timeoutMs: 2_000 });
    // It left while the first call still held the room: it was not admitted.
    expect((await usageOf(policyId)).held).toBeGreaterThan(0);
    expect((await first).status).toBe(200);
  });
});
