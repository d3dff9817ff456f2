import { chatPromptTokenBound, estimateChatPromptTokens, tokenizerCallCount } from "@llm-serve/adapters";
import { TOPICS, createDatabase, createRedis, topicName } from "@llm-serve/common";
import { KeyLayout, parseNotice, quotaKeyPrefix, type QuotaNotice } from "@llm-serve/quota-engine";
import { INFRA, startOpenAIMock, uniqueId, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import kafkajs from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

const DEMO_MODEL = "llmserve-demo";
const VENDOR_MODELS = [
  ["bound-chat", "chat.completions", "gpt-4o"],
  ["bound-completion", "completions", "gpt-3.5-turbo-instruct"],
  ["bound-embedding", "embeddings", "text-embedding-3-small"],
] as const;
const VENDOR_KEY = "sk-vendor-key-0123456789abcdef";
const MAX_TOKENS = 50;
const TPM = 700;

type Answer = { status: number; headers: Headers; body: Record<string, any> };

/**
 * Reservations sized by the tokenizer-free bound, with the tokenizer's count only when the bound is
 * refused: on the platform a client sees, with real Redis, Postgres, Kafka and Nacos.
 */
describe("quota reservations sized by a byte bound, exact near the limit", () => {
  let platform: Platform;
  let vendor: OpenAIMock;
  let redis: ReturnType<typeof createRedis>;
  let layout: KeyLayout;

  const post = async (path: string, token: string, body: unknown): Promise<Answer> => {
    const response = await fetch(`${platform.gateway.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text.startsWith("{") ? (JSON.parse(text) as Record<string, any>) : { text } };
  };
  const chat = (key: IssuedKey, model: string, content: string, extra: Record<string, unknown> = {}) =>
    post("/v1/chat/completions", key.secret, { model, messages: [{ role: "user", content }], max_tokens: MAX_TOKENS, ...extra });
  const usageOf = async (policyId: string) => {
    const response = await fetch(`${platform.gateway.url}/admin/quota/policies/${policyId}/usage`, { headers: { authorization: `Bearer ${platform.adminToken}` } });
    return ((await response.json()) as { data: Array<{ dimension: string; used: number; held: number; limit: number }> }).data;
  };
  const createPolicy = async (body: Record<string, unknown>) => {
    const created = await post("/admin/quota/policies", platform.adminToken, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  /** The exceeded notices the reserve script appended for a policy (the stream keeps handled ones). */
  const exceededNotices = async (policyId: string) =>
    (await redis.xrange(layout.notices, "-", "+"))
      .map(([id, fields]) => parseNotice(id, fields))
      .filter((notice): notice is QuotaNotice => !(notice instanceof Error) && notice.kind === "exceeded" && notice.ref.policyId === policyId);
  /** The quota.exceeded events of a policy on Kafka, once every notice is handled and every event sent. */
  const exceededEvents = async (policyId: string) => {
    await drained();
    return (await payloadsOf(topicName(TOPICS.quotaExceeded, platform.isolation))).filter((event) => event.policyId === policyId);
  };

  beforeAll(async () => {
    vendor = await startOpenAIMock({ apiKey: VENDOR_KEY });
    // No default policies: a key without a policy of its own is unlimited.
    platform = await startPlatform({ QUOTA_DEFAULT_POLICIES: "[]" });
    redis = createRedis({ url: INFRA.redisUrl });
    layout = new KeyLayout(quotaKeyPrefix(platform.env.QUOTA_REDIS_KEY_PREFIX, platform.env.EVENT_NAMESPACE ?? ""));
    // OpenAI-shaped vendor models, which report their usage: the gateway counts nothing itself.
    for (const [id, endpoint, upstreamModel] of VENDOR_MODELS) {
      const model = await post("/admin/models", platform.adminToken, {
        id,
        price_plan_id: "plan-standard",
        capability: { endpoints: [endpoint], context_window: 128000, max_output_tokens: 4096, supports_streaming: true },
        runtime: { max_retries: 0 },
        routing: { strategy: "weighted_random" },
        deployments: [{ id: "vendor", provider_type: "openai", base_url: vendor.baseUrl, credentials: { api_key: VENDOR_KEY }, upstream_model: upstreamModel }],
      });
      expect(model.status, JSON.stringify(model.body)).toBe(201);
    }
    const probe = await platform.createKey();
    await waitFor(async () => (await post("/v1/embeddings", probe.secret, { model: "bound-embedding", input: "hi" })).status === 200, { description: "the gateway serves the new models" });
  });

  afterAll(async () => {
    await redis?.quit();
    await platform?.stop();
    await vendor?.close();
  });

  it("admits a prompt whose byte bound does not fit the TPM left but whose token count does, settles it exactly and reports only a true refusal as exceeded", async () => {
    const key = await platform.createKey();
    const policyId = await createPolicy({ scope: "key", scope_id: key.keyId, tokens_per_minute: TPM, fail_mode: "closed" });
    // Time is the subject of a per-minute limit: keep the three requests inside one minute.
    await waitFor(() => new Date().getUTCSeconds() < 40, { timeoutMs: 30_000, intervalMs: 250, description: "room left in this minute" });

    const first = await chat(key, DEMO_MODEL, "hello ".repeat(50));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const firstUsed = first.body.usage.total_tokens as number;
    await waitFor(async () => (await usageOf(policyId))[0]?.held === 0, { description: "the first request settled" });

    const fits = "hello ".repeat(100);
    const bound = chatPromptTokenBound({ messages: [{ role: "user", content: fits }] }) + MAX_TOKENS;
    const exact = (await estimateChatPromptTokens({ messages: [{ role: "user", content: fits }] })) + MAX_TOKENS;
    // The premise: the bound alone would be refused, the tokenizer's count is not.
    expect(firstUsed + bound).toBeGreaterThan(TPM);
    expect(firstUsed + exact).toBeLessThanOrEqual(TPM);
    const second = await chat(key, DEMO_MODEL, fits);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    // The headers are those of the admitted reservation: the exact one.
    expect(second.headers.get("x-ratelimit-limit-tokens")).toBe(String(TPM));
    expect(Number(second.headers.get("x-ratelimit-remaining-tokens"))).toBe(TPM - firstUsed - exact);
    const secondUsed = second.body.usage.total_tokens as number;
    expect(secondUsed).toBeLessThanOrEqual(exact);
    await waitFor(async () => (await usageOf(policyId))[0]?.held === 0, { description: "the second request settled" });
    expect((await usageOf(policyId))[0]).toMatchObject({ dimension: "tokens_per_minute", used: firstUsed + secondUsed, held: 0, limit: TPM });
    // Served: its refused bound is no refusal of the request, so nothing says the quota was exceeded.
    expect(await exceededNotices(policyId)).toEqual([]);

    // Counted by the tokenizer this one does not fit: refused as before, with the exact figure.
    const tooLong = "hello ".repeat(600);
    const tooLongExact = (await estimateChatPromptTokens({ messages: [{ role: "user", content: tooLong }] })) + MAX_TOKENS;
    expect(firstUsed + secondUsed + tooLongExact).toBeGreaterThan(TPM);
    const refused = await chat(key, DEMO_MODEL, tooLong);
    expect(refused.status, JSON.stringify(refused.body)).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate_limit_exceeded", type: "requests" });
    expect(refused.body.error.message).toContain(`Used ${firstUsed + secondUsed}, Requested ${tooLongExact}.`);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const final = (await usageOf(policyId))[0]!;
    expect(final).toMatchObject({ used: firstUsed + secondUsed, held: 0 });
    expect(final.used).toBeLessThanOrEqual(TPM);

    // The true refusal is the counter's first of the minute: one notice and one event, with the count.
    const requestId = refused.headers.get("x-request-id");
    expect(requestId).toBeTruthy();
    const notices = await exceededNotices(policyId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ requestId, requested: tooLongExact, used: firstUsed + secondUsed, ref: { dimension: "tokens_per_minute" } });
    const events = await exceededEvents(policyId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ requestId, dimension: "tokens_per_minute", scopeId: key.keyId });
    expect(Number(events[0]!.requested)).toBe(tooLongExact);
    expect(Number(events[0]!.used)).toBe(firstUsed + secondUsed);
  });

  it("never runs the tokenizer for an unlimited key or one far from its limits", async () => {
    const unlimited = await platform.createKey();
    const roomy = await platform.createKey();
    await createPolicy({ scope: "key", scope_id: roomy.keyId, tokens_per_minute: 1_000_000, token_budget: { limit: 10_000_000, period: "day" }, fail_mode: "closed" });
    const prompt = "The quick brown fox jumps over the lazy dog. ".repeat(90); // ~4 KB

    // The control: the demo model counts its usage with the tokenizer, and the counter sees it.
    const control = tokenizerCallCount();
    expect((await chat(unlimited, DEMO_MODEL, "hello")).status).toBe(200);
    expect(tokenizerCallCount()).toBeGreaterThan(control);

    for (const [name, key] of [["unlimited", unlimited], ["roomy", roomy]] as const) {
      const before = tokenizerCallCount();
      const answers = [
        await chat(key, "bound-chat", prompt),
        await chat(key, "bound-chat", prompt, { stream: true, stream_options: { include_usage: true } }),
        await post("/v1/completions", key.secret, { model: "bound-completion", prompt: [prompt, prompt], max_tokens: MAX_TOKENS }),
        await post("/v1/embeddings", key.secret, { model: "bound-embedding", input: [prompt, "second input"] }),
        await post("/v1/embeddings", key.secret, { model: "bound-embedding", input: [[1, 2, 3], [4, 5]] }),
      ];
      for (const answer of answers) expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBe(200);
      expect(tokenizerCallCount(), name).toBe(before);
      if (name === "roomy") expect(answers[0]!.headers.get("x-ratelimit-limit-tokens")).not.toBeNull();
      else expect(answers[0]!.headers.get("x-ratelimit-limit-tokens")).toBeNull();
    }
  });

  it("does not count tokens for a request refused on requests per minute, which a smaller count cannot help, and reports it exceeded once", async () => {
    const key = await platform.createKey();
    const policyId = await createPolicy({ scope: "key", scope_id: key.keyId, requests_per_minute: 1, tokens_per_minute: 1_000_000, fail_mode: "closed" });
    await waitFor(() => new Date().getUTCSeconds() < 55, { timeoutMs: 10_000, intervalMs: 250, description: "room left in this minute" });
    expect((await chat(key, "bound-chat", "hello")).status).toBe(200);
    const before = tokenizerCallCount();
    const refused = await chat(key, "bound-chat", "hello");
    expect(refused.status, JSON.stringify(refused.body)).toBe(429);
    expect(refused.body.error.message).toContain("requests per minute (RPM)");
    expect(tokenizerCallCount()).toBe(before);
    // Its bound was asked without recording (a retry was possible), then once more to record it.
    const notices = await exceededNotices(policyId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ requestId: refused.headers.get("x-request-id"), requested: 1, ref: { dimension: "requests_per_minute" } });
    expect((await exceededEvents(policyId)).map((event) => event.dimension)).toEqual(["requests_per_minute"]);
  });

  /** Every notice handled by the quota service and every event it enqueued sent: Kafka holds the final word. */
  async function drained() {
    const db = createDatabase({ url: INFRA.databaseUrl, schema: `qt_${platform.isolation}`, poolMax: 1 });
    try {
      await waitFor(async () => {
        const group = ((await redis.xinfo("GROUPS", layout.notices)) as unknown[][])[0] ?? [];
        const field = (name: string) => Number(group[group.indexOf(name) + 1] ?? 1);
        const [unsent] = await db("outbox").whereNull("sent_at").count<{ count: number }[]>({ count: "*" });
        return field("pending") === 0 && field("lag") === 0 && Number(unsent?.count) === 0;
      }, { description: "notices handled and their events sent" });
    } finally {
      await db.destroy();
    }
  }

  /** Every message of a topic, read with a plain Kafka client. */
  async function payloadsOf(topic: string): Promise<Array<Record<string, unknown>>> {
    const kafka = new kafkajs.Kafka({ clientId: `read-${platform.isolation}`, brokers: [INFRA.kafkaBrokers], logLevel: kafkajs.logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const total = (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
    await admin.disconnect();
    const consumer = kafka.consumer({ groupId: `read-${uniqueId()}` });
    const payloads: Array<Record<string, unknown>> = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void payloads.push(JSON.parse(message.value!.toString()) as Record<string, unknown>) });
    await waitFor(() => payloads.length >= total, { description: `all ${total} messages of ${topic}` });
    await consumer.disconnect();
    return payloads;
  }
});
