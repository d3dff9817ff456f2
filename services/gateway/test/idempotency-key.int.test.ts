import { randomBytes, randomUUID } from "node:crypto";
import { NacosClient, createLogger } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { modelRegistryV1 } from "@llm-serve/proto";
import { INFRA, freePort, spawnService, startOpenAIMock, waitFor, type OpenAIMock, type ServiceProcess } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

const VENDOR_KEY = "sk-vendor-key-idempotency-0123456789";
const LEASE_MS = 1_500;
/** The dying gateway's lease: long enough that the first retry surely finds it held on a loaded machine. */
const DOOMED_LEASE_MS = 5_000;
const MODEL = "idem-chat";

/**
 * Idempotency-Key on the real platform (ADR 0031): replay without a second upstream call, a body
 * mismatch refused, a concurrent duplicate told to wait, and a key held by a gateway that died
 * taken over by the retry on another gateway.
 */
describe("Idempotency-Key on POST /v1/chat/completions", () => {
  let platform: Platform;
  let upstream: OpenAIMock;
  let key: IssuedKey;
  const logger = createLogger({ service: "test", version: "test", level: "warn" });
  const closers: Array<() => unknown> = [];

  const chat = async (url: string, idempotencyKey: string | undefined, content: string, stream = false) => {
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json", ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}) },
      body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content }], max_tokens: 16, stream }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: stream ? {} : (JSON.parse(text) as { id?: string; error?: { code: string; type: string; param: string | null } }) };
  };
  const served = () => upstream.requests.filter((request) => request.path === "/v1/chat/completions").length;

  beforeAll(async () => {
    upstream = await startOpenAIMock({ apiKey: VENDOR_KEY });
    platform = await startPlatform({ SECRETS_KEY: randomBytes(32).toString("base64"), GATEWAY_IDEMPOTENCY_LEASE_MS: String(LEASE_MS), HEALTH_PROBE_INTERVAL_MS: "0" });
    const resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "model-registry", group: platform.isolation, logger, refreshMs: 500 });
    const registry = createServiceClient(modelRegistryV1.ModelRegistryServiceService, { service: "model-registry", resolver, logger, deadlineMs: 20_000 });
    closers.push(() => registry.close(), () => resolver.close());
    await registry.createModel({
      model: modelRegistryV1.ModelInput.fromPartial({
        id: MODEL,
        pricePlanId: "plan-standard",
        capability: { endpoints: ["chat.completions"], contextWindow: 128_000, maxOutputTokens: 4_096, supportsStreaming: true },
        runtime: { maxRetries: 0 },
        deployments: [{ id: "only", providerType: "openai", baseUrl: upstream.baseUrl, credentials: { apiKey: VENDOR_KEY }, upstreamModel: "gpt-4o" }],
      }),
    });
    key = await platform.createKey();
    await waitFor(async () => (await chat(platform.gateway.url, undefined, "warm up")).status === 200, { timeoutMs: 60_000, description: `the gateway serves ${MODEL}` });
  }, 240_000);

  afterAll(async () => {
    for (const close of closers) await close();
    await platform?.stop();
    await upstream?.close();
  });

  it("replays the stored answer for a retry with the same key and body, without a second upstream call", async () => {
    const idempotencyKey = randomUUID();
    const before = served();
    const first = await chat(platform.gateway.url, idempotencyKey, "replay me");
    const retry = await chat(platform.gateway.url, idempotencyKey, "replay me");
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("x-llmserve-deployment")).toBe(first.headers.get("x-llmserve-deployment"));
    expect(served() - before).toBe(1);
    // Another key with the same body is a new request.
    expect((await chat(platform.gateway.url, randomUUID(), "replay me")).headers.get("idempotent-replayed")).toBeNull();
    expect(served() - before).toBe(2);
  });

  it("refuses the same key with another body (422 idempotency_key_reused), without calling the upstream", async () => {
    const idempotencyKey = randomUUID();
    expect((await chat(platform.gateway.url, idempotencyKey, "the first body")).status).toBe(200);
    const before = served();
    const other = await chat(platform.gateway.url, idempotencyKey, "another body");
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: "idempotency_key_reused", type: "invalid_request_error", param: "idempotency-key" });
    expect(served()).toBe(before);
  });

  it("tells a concurrent duplicate to retry later (409 idempotency_in_progress), then replays the first answer", async () => {
    const idempotencyKey = randomUUID();
    const before = served();
    upstream.queueScenario({ latencyMs: 3_000 });
    const first = chat(platform.gateway.url, idempotencyKey, "slow one");
    await waitFor(() => served() > before, { timeoutMs: 30_000, description: "the first request reached the upstream" });
    const duplicate = await chat(platform.gateway.url, idempotencyKey, "slow one");
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error?.code).toBe("idempotency_in_progress");
    expect(Number(duplicate.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const answered = await first;
    expect(answered.status).toBe(200);
    const retry = await chat(platform.gateway.url, idempotencyKey, "slow one");
    expect(retry.text).toBe(answered.text);
    expect(served() - before).toBe(1);
  });

  it("does not run a streamed request twice: a retry after it gets 422", async () => {
    const idempotencyKey = randomUUID();
    const streamed = await chat(platform.gateway.url, idempotencyKey, "stream me", true);
    expect(streamed.status).toBe(200);
    const before = served();
    const retry = await chat(platform.gateway.url, idempotencyKey, "stream me", true);
    expect(retry.status).toBe(422);
    expect(served()).toBe(before);
  });

  it("lets a retry on another gateway take over a key whose gateway died (its lease lapsed)", async () => {
    const httpPort = await freePort();
    const doomed: ServiceProcess = await spawnService("gateway", { ...platform.env, DATABASE_SCHEMA: `gw_${platform.isolation}`, HTTP_PORT: String(httpPort), GATEWAY_IDEMPOTENCY_LEASE_MS: String(DOOMED_LEASE_MS) }, 180_000);
    closers.push(() => doomed.stop("SIGKILL"));
    const doomedUrl = `http://127.0.0.1:${httpPort}`;
    await waitFor(async () => (await chat(doomedUrl, undefined, "warm up")).status === 200, { timeoutMs: 60_000, description: `the second gateway serves ${MODEL}` });
    const idempotencyKey = randomUUID();
    const before = served();
    upstream.queueScenario({ latencyMs: 60_000 });
    const lost = chat(doomedUrl, idempotencyKey, "crash during me").catch((error: unknown) => error);
    await waitFor(() => served() > before, { timeoutMs: 30_000, description: "the doomed gateway called the upstream" });
    await doomed.stop("SIGKILL");
    const killedAt = Date.now();
    expect(await lost).toBeInstanceOf(Error);
    // Right after the crash the key is still leased: the retry is told to wait, not run twice.
    const early = await chat(platform.gateway.url, idempotencyKey, "crash during me");
    expect(early.status).toBe(409);
    let retry = early;
    await waitFor(async () => (retry = await chat(platform.gateway.url, idempotencyKey, "crash during me")).status === 200, { timeoutMs: 20_000, intervalMs: 200, description: "the retry takes the key over" });
    // Taken over once the lease lapsed (renewals stopped with the process), not sooner, not much later.
    expect(Date.now() - killedAt).toBeLessThan(DOOMED_LEASE_MS + 5_000);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(served() - before).toBe(2);
    const replay = await chat(platform.gateway.url, idempotencyKey, "crash during me");
    expect(replay.text).toBe(retry.text);
    expect(served() - before).toBe(2);
  }, 300_000);
});
