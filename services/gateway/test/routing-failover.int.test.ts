import { randomBytes } from "node:crypto";
import { NacosClient, createLogger } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { authKeyV1, modelRegistryV1 } from "@llm-serve/proto";
import { INFRA, startOpenAIMock, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type Platform } from "./platform-fixture.js";

const VENDOR_KEY = "sk-vendor-key-0123456789abcdef";
const COOLDOWN_MS = 3_000;

/** A chat model served by one deployment on each mock upstream. */
function twoDeploymentModel(id: string, first: OpenAIMock, second: OpenAIMock, strategy = "weighted_random"): modelRegistryV1.ModelInput {
  return modelRegistryV1.ModelInput.fromPartial({
    id,
    pricePlanId: "plan-standard",
    capability: { endpoints: ["chat.completions"], contextWindow: 128_000, maxOutputTokens: 4_096, supportsStreaming: true },
    runtime: { maxRetries: 1 },
    routing: { strategy },
    deployments: [
      { id: "first", providerType: "openai", baseUrl: first.baseUrl, credentials: { apiKey: VENDOR_KEY }, upstreamModel: "gpt-4o" },
      { id: "second", providerType: "openai", baseUrl: second.baseUrl, credentials: { apiKey: VENDOR_KEY }, upstreamModel: "gpt-4o" },
    ],
  });
}

/** An API key from the real auth-key service (its admin RPC, as the gateway's admin API calls it). */
async function issueApiKey(group: string): Promise<string> {
  const logger = createLogger({ service: "test", version: "test", level: "warn" });
  const resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "auth-key", group, logger });
  const admin = createServiceClient(authKeyV1.AuthAdminServiceService, { service: "auth-key", resolver, logger });
  try {
    const actor = { userId: "routing-test", role: "platform_admin", orgId: "", clientIp: "127.0.0.1" };
    const { secret } = await admin.quickstart({ actor, organizationName: "routing", projectName: "routing", keyName: "routing" });
    return secret!.key;
  } finally {
    admin.close();
    resolver.close();
  }
}

describe("routing on the request path: failover, lowest latency and circuit breaking", () => {
  let platform: Platform;
  let apiKey: string;
  let first: OpenAIMock;
  let second: OpenAIMock;
  const logger = createLogger({ service: "test", version: "test", level: "warn" });
  let resolver: NacosResolver;
  let registry: ReturnType<typeof createServiceClient<typeof modelRegistryV1.ModelRegistryServiceService>>;

  const chat = async (model: string) => {
    const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "hello" }] }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const createModel = async (input: modelRegistryV1.ModelInput) => {
    await registry.createModel({ model: input });
    await waitFor(async () => (await chat(input.id)).status !== 404, { description: `the gateway knows ${input.id}` });
    first.clearRequests();
    second.clearRequests();
  };

  const served = (mock: OpenAIMock) => mock.requests.filter((request) => request.path === "/v1/chat/completions").length;

  beforeAll(async () => {
    [first, second] = await Promise.all([startOpenAIMock({ apiKey: VENDOR_KEY }), startOpenAIMock({ apiKey: VENDOR_KEY })]);
    platform = await startPlatform({
      SECRETS_KEY: randomBytes(32).toString("base64"),
      HEALTH_PROBE_INTERVAL_MS: "0",
      ROUTING_CIRCUIT_COOLDOWN_MS: String(COOLDOWN_MS),
      ROUTING_CIRCUIT_MIN_REQUESTS: "3",
    });
    resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "model-registry", group: platform.isolation, logger, refreshMs: 500 });
    registry = createServiceClient(modelRegistryV1.ModelRegistryServiceService, { service: "model-registry", resolver, logger, deadlineMs: 20_000 });
    apiKey = await issueApiKey(platform.isolation);
  });

  afterAll(async () => {
    registry?.close();
    resolver?.close();
    await platform?.stop();
    await Promise.all([first?.close(), second?.close()]);
  });

  it("moves traffic to the healthy deployment when one answers 503, and clients see no error", async () => {
    await createModel(twoDeploymentModel("failover-model", first, second));
    first.setScenario({ error: { status: 503 } });
    const statuses: number[] = [];
    for (let request = 0; request < 30; request += 1) statuses.push((await chat("failover-model")).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(served(second)).toBe(30);
    expect(served(first)).toBeGreaterThan(0);
    // Its circuit opened: far fewer than the ~15 requests weighted random would have sent it.
    expect(served(first)).toBeLessThan(10);
    first.resetScenario();
  });

  it("fails over a streamed request before its first byte", async () => {
    await createModel(twoDeploymentModel("stream-model", first, second, "priority"));
    first.setScenario({ error: { status: 503 } });
    for (let request = 0; request < 5; request += 1) {
      const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "stream-model", stream: true, messages: [{ role: "user", content: "hello" }] }),
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain("data: [DONE]");
      expect(text).not.toContain('"error"');
    }
    expect(served(second)).toBe(5);
    first.resetScenario();
  });

  it("shifts traffic away from a slow deployment under the lowest-latency strategy", async () => {
    // Slow from the start, so every latency sample the gateway takes of it is slow (a fast sample taken
    // while the model was being created could otherwise rank it first or last at random).
    first.clearRequests();
    second.clearRequests();
    first.setScenario({ latencyMs: 300 });
    const input = twoDeploymentModel("latency-model", first, second, "lowest_latency");
    await registry.createModel({ model: input });
    await waitFor(async () => (await chat(input.id)).status !== 404, { description: "the gateway knows latency-model" });
    // Unmeasured deployments are tried first: within two more requests both have a sample.
    for (let request = 0; request < 2; request += 1) expect((await chat("latency-model")).status).toBe(200);
    const slowBefore = served(first);
    expect(slowBefore).toBeGreaterThan(0);
    const fastBefore = served(second);
    for (let request = 0; request < 20; request += 1) expect((await chat("latency-model")).status).toBe(200);
    expect(served(first)).toBe(slowBefore);
    expect(served(second) - fastBefore).toBe(20);
    first.resetScenario();
  });

  it("opens a dead deployment's circuit, then probes it back in once it recovers", async () => {
    await createModel(twoDeploymentModel("circuit-model", first, second));
    first.setScenario({ error: { status: 500 } });
    let requests = 0;
    let quietBursts = 0;
    // Until the dead deployment stops being tried: its circuit is open.
    await waitFor(
      async () => {
        const before = served(first);
        for (let burst = 0; burst < 6; burst += 1) {
          expect((await chat("circuit-model")).status).toBe(200);
          requests += 1;
        }
        // Two quiet bursts in a row after it failed at least once: one burst of six can miss a closed
        // circuit's deployment by chance (1 in 64), twelve requests in a row hardly (1 in 4,096).
        quietBursts = served(first) === before && served(first) > 0 ? quietBursts + 1 : 0;
        return quietBursts >= 2;
      },
      { description: "the dead deployment's circuit opens", timeoutMs: 20_000, intervalMs: 1 },
    );
    expect(requests).toBeLessThan(60);
    const whileOpen = served(first);
    for (let request = 0; request < 6; request += 1) expect((await chat("circuit-model")).status).toBe(200);
    expect(served(first)).toBe(whileOpen);

    first.resetScenario();
    // After the cooldown a half-open probe reaches it, succeeds, and it takes a share of traffic again.
    await waitFor(
      async () => {
        expect((await chat("circuit-model")).status).toBe(200);
        return served(first) > whileOpen;
      },
      { description: "a half-open probe reaches the recovered deployment", timeoutMs: COOLDOWN_MS + 10_000, intervalMs: 50 },
    );
    const afterProbe = served(first);
    for (let request = 0; request < 20; request += 1) expect((await chat("circuit-model")).status).toBe(200);
    expect(served(first)).toBeGreaterThan(afterProbe + 2);
  });

  it("falls back to another model when every deployment of the asked model is unavailable", async () => {
    await createModel(
      modelRegistryV1.ModelInput.fromPartial({
        id: "backup-model",
        pricePlanId: "plan-standard",
        capability: { endpoints: ["chat.completions"], contextWindow: 8_192, maxOutputTokens: 1_024 },
        deployments: [{ id: "mock", providerType: "mock", upstreamModel: "backup" }],
      }),
    );
    const primary = modelRegistryV1.ModelInput.fromPartial({
      ...twoDeploymentModel("primary-model", first, second),
      routing: { strategy: "weighted_random", fallbacks: [{ model: "backup-model", on: ["unavailable"] }] },
    });
    await createModel(primary);
    first.setScenario({ error: { status: 503 } });
    second.setScenario({ error: { status: 502 } });
    const { status, body } = await chat("primary-model");
    expect(status).toBe(200);
    expect(body.model).toBe("backup");
    expect(served(first) + served(second)).toBe(2);
    first.resetScenario();
    second.resetScenario();
  });
});
