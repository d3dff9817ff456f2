import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AppError, NacosClient, createLogger, createMetricsRegistry } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { authKeyV1, modelRegistryV1 } from "@llm-serve/proto";
import { RoutingEngine } from "@llm-serve/routing";
import { INFRA, startOpenAIMock, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp } from "../src/http/create-http-app.js";
import type { AdminAuthenticator } from "../src/ports/authenticator.js";
import { adminRoutingRouter } from "../src/routing/admin-routing-router.js";
import { ModelTable } from "../src/routing/model-table.js";
import type { TableDeployment } from "../src/routing/table-types.js";
import { startPlatform, type Platform } from "./platform-fixture.js";

const VENDOR_KEY = "sk-vendor-key-0123456789abcdef";
const logger = createLogger({ service: "test", version: "test", level: "warn" });
const actor = { userId: "routing-test", role: "platform_admin", orgId: "", clientIp: "127.0.0.1" };

function modelBody(baseUrl: string, overrides: Record<string, unknown> = {}) {
  return {
    id: "admin-model",
    aliases: ["admin-alias"],
    price_plan_id: "plan-standard",
    capability: { endpoints: ["chat.completions"], context_window: 128000, max_output_tokens: 4096, supports_streaming: true },
    runtime: { max_retries: 1, bounds: { temperature: { min: 0, max: 1.5 } } },
    routing: { strategy: "least_busy" },
    deployments: [{ id: "openai-main", provider_type: "openai", base_url: baseUrl, credentials: { api_key: VENDOR_KEY }, upstream_model: "gpt-4o", weight: 2, tags: ["eu"] }],
    ...overrides,
  };
}

/**
 * The routing admin API mounted as the gateway mounts it, behind requireAdmin with admin tokens
 * checked by the real auth-key service.
 */
describe("the routing admin REST API", () => {
  let platform: Platform;
  let vendor: OpenAIMock;
  let server: Server;
  let baseUrl: string;
  let adminToken: string;
  let memberToken: string;
  let apiKey: string;
  const closers: Array<() => void> = [];
  const responses: string[] = [];

  const call = async (method: string, path: string, options: { token?: string; body?: unknown } = {}) => {
    const response = await fetch(`${baseUrl}/admin${path}`, {
      method,
      headers: { ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }), "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    responses.push(text);
    return { status: response.status, body: JSON.parse(text) as Record<string, any> };
  };

  beforeAll(async () => {
    vendor = await startOpenAIMock({ apiKey: VENDOR_KEY });
    platform = await startPlatform({ SECRETS_KEY: randomBytes(32).toString("base64"), HEALTH_PROBE_INTERVAL_MS: "0" });
    const nacos = new NacosClient({ serverAddr: INFRA.nacosAddr });
    const registryResolver = new NacosResolver({ nacos, service: "model-registry", group: platform.isolation, logger });
    const authResolver = new NacosResolver({ nacos, service: "auth-key", group: platform.isolation, logger });
    const registry = createServiceClient(modelRegistryV1.ModelRegistryServiceService, { service: "model-registry", resolver: registryResolver, logger, deadlineMs: 20_000 });
    const authKey = createServiceClient(authKeyV1.AuthKeyServiceService, { service: "auth-key", resolver: authResolver, logger });
    const authAdmin = createServiceClient(authKeyV1.AuthAdminServiceService, { service: "auth-key", resolver: authResolver, logger });
    closers.push(() => registry.close(), () => authKey.close(), () => authAdmin.close(), () => registryResolver.close(), () => authResolver.close());

    const { organization, secret } = await authAdmin.quickstart({ actor, organizationName: "admin-api", projectName: "admin-api", keyName: "admin-api" });
    apiKey = secret!.key;
    const tokenFor = async (role: string, orgId: string) => {
      const { user } = await authAdmin.createUser({ actor, name: role, email: `${role}-${platform.isolation}@example.com`, role, orgId });
      return (await authAdmin.issueAdminToken({ actor, userId: user!.id, name: role, expiresAtMs: 0 })).secret;
    };
    adminToken = await tokenFor("platform_admin", "");
    memberToken = await tokenFor("org_member", organization!.id);

    const adminAuthenticator: AdminAuthenticator = {
      async authenticateAdmin(request) {
        const token = /^Bearer\s+(\S+)$/i.exec(request.header("authorization") ?? "")?.[1];
        if (!token) throw new AppError("unauthenticated", "admin token required");
        const identity = await authKey.authenticateAdmin({ token, clientIp: request.ip ?? "" });
        return { userId: identity.userId, role: identity.role as "platform_admin", orgId: identity.orgId };
      },
    };
    const table = new ModelTable(async () => (await registry.listRoutingTable({})).models, logger);
    const app = createHttpApp({
      logger: () => logger,
      maxBodyBytes: () => 1_000_000,
      isReady: () => true,
      metrics: createMetricsRegistry({ service: "test", instance: platform.isolation }),
      trustedProxies: ["loopback"],
      authenticator: { authenticate: async () => Promise.reject(new AppError("unauthenticated", "no public API here")), authorize: async () => undefined },
      adminAuthenticator,
      apiRouters: [],
      adminRouters: [adminRoutingRouter({ registry, adminAuthenticator, table, engine: new RoutingEngine<TableDeployment>() })],
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    for (const close of closers) close();
    await platform?.stop();
    await vendor?.close();
  });

  it("creates a model, initialising its deployment, and answers with a credentials hint only", async () => {
    const created = await call("POST", "/models", { token: adminToken, body: modelBody(vendor.baseUrl) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: "model_config", id: "admin-model", version: 1, status: "available", aliases: ["admin-alias"], price_plan_id: "plan-standard" });
    expect(created.body.deployments[0]).toMatchObject({ id: "openai-main", status: "available", weight: 2, credentials: { has_api_key: true, api_key_hint: "…cdef" } });
    expect((await call("GET", "/models/admin-alias", { token: memberToken })).body.id).toBe("admin-model");
    expect((await call("GET", "/models", { token: memberToken })).body.data.map((model: { id: string }) => model.id)).toContain("admin-model");
  });

  it("reaches the running gateway: the new model is served there", async () => {
    await waitFor(
      async () => {
        const response = await fetch(`${platform.gateway.url}/v1/models`, { headers: { authorization: `Bearer ${apiKey}` } });
        return ((await response.json()) as { data: Array<{ id: string }> }).data.some((model) => model.id === "admin-model");
      },
      { description: "admin-model listed by the gateway", timeoutMs: 5_000 },
    );
    const providers = await fetch(`${platform.gateway.url}/v1/providers`, { headers: { authorization: `Bearer ${apiKey}` } }).then((response) => response.json() as Promise<{ data: Array<{ id: string; models: string[] }> }>);
    expect(providers.data.find((provider) => provider.id === "openai")?.models).toContain("admin-model");
  });

  it("refuses bad bodies and broken invariants with OpenAI-shaped errors", async () => {
    const typo = await call("POST", "/models", { token: adminToken, body: { ...modelBody(vendor.baseUrl), colour: "blue" } });
    expect(typo.status).toBe(400);
    expect(typo.body.error).toMatchObject({ type: "invalid_request_error" });
    const invariants = await call("POST", "/models", { token: adminToken, body: modelBody(vendor.baseUrl, { id: "other", aliases: [], price_plan_id: "", runtime: { max_retries: 9 } }) });
    expect(invariants.status).toBe(400);
    expect(invariants.body.error.param).toBe("price_plan_id");
    expect(invariants.body.error.message).toContain("runtime.max_retries");
    const taken = await call("POST", "/models", { token: adminToken, body: modelBody(vendor.baseUrl, { id: "admin-alias", aliases: [] }) });
    expect(taken.status).toBe(409);
  });

  it("updates (keeping credentials not resent), keeps the history, and deletes", async () => {
    const body = modelBody(vendor.baseUrl, { description: "second" });
    const { credentials: _credentials, ...deployment } = body.deployments[0]!;
    const updated = await call("PUT", "/models/admin-model?expected_version=1", { token: adminToken, body: { ...body, deployments: [deployment] } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, description: "second", status: "available" });
    expect((await call("PUT", "/models/admin-model?expected_version=1", { token: adminToken, body })).status).toBe(409);
    const versions = await call("GET", "/models/admin-model/versions", { token: adminToken });
    expect(versions.body.data.map((version: { version: number; change: string }) => [version.version, version.change])).toEqual([
      [1, "created"],
      [2, "updated"],
    ]);
    expect((await call("POST", "/models/admin-model/check", { token: adminToken })).body.status).toBe("available");
    const providers = await call("GET", "/providers", { token: adminToken });
    expect(providers.body.data.find((provider: { id: string }) => provider.id === "openai")).toMatchObject({ deployments: 1, available: 1, models: ["admin-model"] });
    expect((await call("DELETE", "/models/admin-model", { token: adminToken })).body).toEqual({ id: "admin-model", object: "model_config", deleted: true });
    expect((await call("GET", "/models/admin-model", { token: adminToken })).status).toBe(404);
  });

  it("checks who asks: no token is 401, a member may read but not change", async () => {
    expect((await call("GET", "/models")).status).toBe(401);
    expect((await call("POST", "/models", { token: memberToken, body: modelBody(vendor.baseUrl) })).status).toBe(403);
    expect((await call("GET", "/routing", { token: memberToken })).status).toBe(200);
  });

  it("moving a deployment to another base_url or provider needs its credentials again: the stored key never reaches the new URL", async () => {
    const attacker = await startOpenAIMock({ apiKey: "sk-attacker-own-key-00000000" });
    try {
      const body = modelBody(vendor.baseUrl, { id: "moved-model", aliases: [] });
      expect((await call("POST", "/models", { token: adminToken, body })).status).toBe(201);
      const { credentials: _credentials, ...withoutCredentials } = body.deployments[0]!;
      for (const moved of [{ ...withoutCredentials, base_url: attacker.baseUrl }, { ...withoutCredentials, provider_type: "deepseek" }]) {
        const refused = await call("PUT", "/models/moved-model", { token: adminToken, body: { ...body, deployments: [moved] } });
        expect(refused.status).toBe(400);
        expect(refused.body.error).toMatchObject({ type: "invalid_request_error", param: "deployments[0].credentials.api_key" });
        expect(refused.body.error.message).toContain("base_url or provider changed");
      }
      expect((await call("GET", "/models/moved-model", { token: adminToken })).body.version).toBe(1);
      // Resent credentials move with the deployment, and only those reach the new URL (after the commit).
      const moved = await call("PUT", "/models/moved-model", {
        token: adminToken,
        body: { ...body, deployments: [{ ...withoutCredentials, base_url: attacker.baseUrl, credentials: { api_key: "sk-attacker-own-key-00000000" } }] },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ version: 2, status: "available" });
      expect(attacker.requests.length).toBeGreaterThan(0);
      expect(JSON.stringify(attacker.requests)).not.toContain(VENDOR_KEY);
    } finally {
      await call("DELETE", "/models/moved-model", { token: adminToken });
      await attacker.close();
    }
  });

  it("never shows the vendor credentials in any answer", () => {
    expect(responses.length).toBeGreaterThan(10);
    for (const text of responses) expect(text).not.toContain(VENDOR_KEY);
  });
});
