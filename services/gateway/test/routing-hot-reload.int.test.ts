import { randomBytes } from "node:crypto";
import { NacosClient, createLogger } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { authKeyV1, modelRegistryV1 } from "@llm-serve/proto";
import { INFRA, startOpenAIMock, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type RunningGateway } from "../src/app.js";
import { startPlatform, type Platform } from "./platform-fixture.js";

const VENDOR_KEY = "sk-vendor-key-0123456789abcdef";
const HOT_RELOAD_BUDGET_MS = 2_000;
const logger = createLogger({ service: "test", version: "test", level: "warn" });

function modelOn(id: string, vendor: OpenAIMock, aliases: string[] = []): modelRegistryV1.ModelInput {
  return modelRegistryV1.ModelInput.fromPartial({
    id,
    aliases,
    pricePlanId: "plan-standard",
    capability: { endpoints: ["chat.completions"], contextWindow: 128_000, maxOutputTokens: 4_096, supportsStreaming: true },
    deployments: [{ id: "main", providerType: "openai", baseUrl: vendor.baseUrl, credentials: { apiKey: VENDOR_KEY }, upstreamModel: "gpt-4o" }],
  });
}

async function issueApiKey(group: string): Promise<string> {
  const resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "auth-key", group, logger });
  const admin = createServiceClient(authKeyV1.AuthAdminServiceService, { service: "auth-key", resolver, logger });
  try {
    const actor = { userId: "routing-test", role: "platform_admin", orgId: "", clientIp: "127.0.0.1" };
    return (await admin.quickstart({ actor, organizationName: "hot", projectName: "hot", keyName: "hot" })).secret!.key;
  } finally {
    admin.close();
    resolver.close();
  }
}

describe("hot reload of model configuration across running gateways", () => {
  let platform: Platform;
  let second: RunningGateway;
  let apiKey: string;
  let before: OpenAIMock;
  let after: OpenAIMock;
  let resolver: NacosResolver;
  let registry: ReturnType<typeof createServiceClient<typeof modelRegistryV1.ModelRegistryServiceService>>;

  const listed = async (gateway: RunningGateway) => {
    const response = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${apiKey}` } });
    return ((await response.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
  };
  const chatStatus = async (gateway: RunningGateway, model: string) =>
    (
      await fetch(`${gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
      })
    ).status;
  const gateways = () => [platform.gateway, second];

  /** Time from `change` returning until `reached` holds on every gateway. */
  async function timeToReachAll(change: () => Promise<unknown>, reached: (gateway: RunningGateway) => Promise<boolean>, description: string): Promise<number> {
    await change();
    const started = performance.now();
    await Promise.all(gateways().map((gateway) => waitFor(() => reached(gateway), { description: `${description} on ${gateway.url}`, intervalMs: 20, timeoutMs: 10_000 })));
    return performance.now() - started;
  }

  beforeAll(async () => {
    [before, after] = await Promise.all([startOpenAIMock({ apiKey: VENDOR_KEY }), startOpenAIMock({ apiKey: VENDOR_KEY })]);
    // The periodic refresh is pushed far out: only model events can bring a change in time.
    platform = await startPlatform({ SECRETS_KEY: randomBytes(32).toString("base64"), HEALTH_PROBE_INTERVAL_MS: "0", GATEWAY_MODEL_CACHE_MS: "600000" });
    second = await startGateway({ ...platform.env, DATABASE_SCHEMA: `gw2_${platform.isolation}` }, logger);
    resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "model-registry", group: platform.isolation, logger, refreshMs: 500 });
    registry = createServiceClient(modelRegistryV1.ModelRegistryServiceService, { service: "model-registry", resolver, logger, deadlineMs: 20_000 });
    apiKey = await issueApiKey(platform.isolation);
  });

  afterAll(async () => {
    registry?.close();
    resolver?.close();
    await second?.stop();
    await platform?.stop();
    await Promise.all([before?.close(), after?.close()]);
  });

  it("brings a new model to every running gateway within 2 seconds, without a restart", async () => {
    const elapsed = await timeToReachAll(
      () => registry.createModel({ model: modelOn("hot-model", before) }),
      async (gateway) => (await listed(gateway)).includes("hot-model"),
      "hot-model listed",
    );
    expect(elapsed).toBeLessThan(HOT_RELOAD_BUDGET_MS);
    for (const gateway of gateways()) expect(await chatStatus(gateway, "hot-model")).toBe(200);
    expect(before.requests.filter((request) => request.path === "/v1/chat/completions")).toHaveLength(2);
  });

  it("moves traffic to a changed deployment and serves a new alias within 2 seconds", async () => {
    const served = (vendor: OpenAIMock) => vendor.requests.filter((request) => request.path === "/v1/chat/completions").length;
    const elapsed = await timeToReachAll(
      () => registry.updateModel({ model: modelOn("hot-model", after, ["hot-alias"]) }),
      async (gateway) => {
        const servedBefore = served(after);
        return (await chatStatus(gateway, "hot-alias")) === 200 && served(after) > servedBefore;
      },
      "the alias served by the new upstream",
    );
    expect(elapsed).toBeLessThan(HOT_RELOAD_BUDGET_MS);
    const oldUpstream = served(before);
    for (const gateway of gateways()) expect(await chatStatus(gateway, "hot-model")).toBe(200);
    expect(served(before)).toBe(oldUpstream);
  });

  it("stops serving a deleted model within 2 seconds", async () => {
    const elapsed = await timeToReachAll(
      () => registry.deleteModel({ id: "hot-model" }),
      async (gateway) => (await chatStatus(gateway, "hot-model")) === 404,
      "hot-model gone",
    );
    expect(elapsed).toBeLessThan(HOT_RELOAD_BUDGET_MS);
  });
});
