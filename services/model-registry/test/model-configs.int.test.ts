import { AppError } from "@llm-serve/common";
import { startOpenAIMock, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAIModelInput, startRegistryFixture, type RegistryFixture } from "./support/registry-fixture.js";

const GOOD_KEY = "sk-test-good-0123456789abcdef";
/** Events travel outbox → relay → Kafka → a fresh consumer group: its first join takes long on a loaded broker (CI). */
const KAFKA_WAIT_MS = 60_000;

describe("model configurations on the real registry", () => {
  let fixture: RegistryFixture;
  let vendor: OpenAIMock;

  beforeAll(async () => {
    vendor = await startOpenAIMock({ apiKey: GOOD_KEY });
    fixture = await startRegistryFixture("mcfg");
  });

  afterAll(async () => {
    await fixture?.close();
    await vendor?.close();
  });

  it("seeds the demo model, available through the mock provider", async () => {
    const { model } = await fixture.client.getModel({ id: "llmserve-demo" });
    expect(model).toMatchObject({ id: "llmserve-demo", status: "available", version: 1, providerType: "mock" });
    expect(model?.deployments[0]).toMatchObject({ providerType: "mock", status: "available" });
  });

  it("refuses a configuration that breaks invariants, naming every problem", async () => {
    const input = openAIModelInput("broken", "ftp://nowhere", "", {
      pricePlanId: "",
      runtime: { maxRetries: 9, bounds: { temperature: { min: 0, max: 3 }, topP: undefined, maxTokens: 0 }, timeouts: undefined, defaultParametersJson: "", overrideParametersJson: "" },
    });
    input.deployments.push({ ...input.deployments[0]!, id: "other", providerType: "nope", credentials: undefined });
    const error = (await fixture.client.createModel({ model: input }).catch((thrown: unknown) => thrown)) as AppError;
    expect(error.code).toBe("invalid_request");
    for (const param of ["price_plan_id", "runtime.max_retries", "runtime.bounds.temperature.max", "deployments[0].base_url", "deployments[0].credentials.api_key", "deployments[1].provider_type"]) {
      expect(error.message).toContain(param);
    }
    await expect(fixture.client.getModel({ id: "broken" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("initialises the adapter on create, seals credentials at rest and shows only a hint", async () => {
    const { model } = await fixture.client.createModel({ model: openAIModelInput("gpt-4o-mini", vendor.baseUrl, GOOD_KEY, { aliases: ["mini"] }) });
    expect(model).toMatchObject({ id: "gpt-4o-mini", version: 1, status: "available" });
    expect(model?.deployments[0]?.credentials).toEqual({ hasApiKey: true, apiKeyHint: "…cdef", hasSecretKey: false, headerNames: [] });
    expect(vendor.requests.some((request) => request.path === "/v1/models")).toBe(true);

    const dump = JSON.stringify(await fixture.db.raw("SELECT * FROM model_deployments, models, model_versions, outbox"));
    expect(dump).not.toContain(GOOD_KEY);
    expect(JSON.stringify(await fixture.client.listModels({ includeDisabled: true }))).not.toContain(GOOD_KEY);
    expect((await fixture.client.resolveModel({ name: "mini" })).model?.id).toBe("gpt-4o-mini");

    const { models } = await fixture.client.listRoutingTable({});
    const routed = models.find((entry) => entry.id === "gpt-4o-mini");
    expect(routed?.deployments[0]?.credentials?.apiKey).toBe(GOOD_KEY);
  });

  it("stores status error with the vendor's reason for bad credentials, and announces it on Kafka", async () => {
    const { model } = await fixture.client.createModel({ model: openAIModelInput("bad-creds", vendor.baseUrl, "sk-wrong-key-000000000000") });
    expect(model?.status).toBe("error");
    expect(model?.deployments[0]?.status).toBe("error");
    expect(model?.deployments[0]?.statusReason).toContain("Incorrect API key provided");
    const event = await waitFor(() => fixture.statusEvents.find((received) => received.payload.modelId === "bad-creds" && received.payload.deploymentId === ""), { timeoutMs: KAFKA_WAIT_MS, description: "a model status event" });
    expect(event.payload).toMatchObject({ status: "error", previousStatus: "", modelVersion: 1 });
    expect(event.payload.reason).toContain("Incorrect API key provided");
    expect(event.envelope).toMatchObject({ eventType: "model.status-changed", source: "model-registry" });
  });

  it("bumps the version on every change, keeps credentials not resent, and keeps the history", async () => {
    const input = openAIModelInput("versioned", vendor.baseUrl, GOOD_KEY);
    await fixture.client.createModel({ model: input });
    const resend = { ...input, description: "second", deployments: [{ ...input.deployments[0]!, credentials: undefined }] };
    const { model } = await fixture.client.updateModel({ model: resend, expectedVersion: 1 });
    expect(model).toMatchObject({ version: 2, description: "second", status: "available" });
    await expect(fixture.client.updateModel({ model: resend, expectedVersion: 1 })).rejects.toMatchObject({ code: "conflict" });
    await fixture.client.deleteModel({ id: "versioned" });
    const { versions } = await fixture.client.listModelVersions({ id: "versioned" });
    expect(versions.map((version) => [version.version, version.change])).toEqual([
      [1, "created"],
      [2, "updated"],
      [3, "deleted"],
    ]);
    await waitFor(() => fixture.configEvents.filter((event) => event.payload.modelId === "versioned").length === 3, { timeoutMs: KAFKA_WAIT_MS, description: "three config events" });
    expect(fixture.configEvents.filter((event) => event.payload.modelId === "versioned").map((event) => event.payload.change)).toEqual(["created", "updated", "deleted"]);
  });

  it("keeps ids and aliases unique together", async () => {
    await expect(fixture.client.createModel({ model: openAIModelInput("mini", vendor.baseUrl, GOOD_KEY) })).rejects.toMatchObject({ code: "conflict" });
    await expect(fixture.client.createModel({ model: openAIModelInput("another", vendor.baseUrl, GOOD_KEY, { aliases: ["gpt-4o-mini"] }) })).rejects.toMatchObject({ code: "conflict" });
  });

  it("moves a deployment to error when a periodic probe fails, and back when the vendor recovers", async () => {
    vendor.setScenario({ error: { status: 500 } });
    await fixture.registry.probeHealthNow();
    const failing = (await fixture.client.getModel({ id: "gpt-4o-mini" })).model;
    expect(failing?.status).toBe("error");
    expect(failing?.statusReason).toContain("The server had an error");
    vendor.resetScenario();
    await fixture.registry.probeHealthNow();
    expect((await fixture.client.getModel({ id: "gpt-4o-mini" })).model?.status).toBe("available");
    await waitFor(() => fixture.statusEvents.filter((event) => event.payload.modelId === "gpt-4o-mini" && event.payload.deploymentId === "").length >= 3, { timeoutMs: KAFKA_WAIT_MS, description: "status events" });
    const statuses = fixture.statusEvents.filter((event) => event.payload.modelId === "gpt-4o-mini" && event.payload.deploymentId === "").map((event) => event.payload.status);
    expect(statuses).toEqual(["available", "error", "available"]);
  });
});
