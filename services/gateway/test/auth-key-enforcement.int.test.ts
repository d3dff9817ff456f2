import { NacosClient, createLogger } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { authKeyV1 } from "@llm-serve/proto";
import { INFRA, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGateway } from "../src/app.js";
import { createKeyFixture, startAuthStack, type AuthStack } from "./auth-harness.js";

const FAILURE_LIMIT = 5;

/** The hot path on two gateway instances: cache, revocation by events, expiry, rotation, IPs, scopes, limits. */
describe("API keys on the request path of two gateways", () => {
  let stack: AuthStack;
  let projectId: string;
  const logger = createLogger({ service: "test", version: "test", level: "warn" });
  let resolver: NacosResolver;
  let admin: ReturnType<typeof createServiceClient<typeof authKeyV1.AuthAdminServiceService>>;

  const models = (secret: string, gateway?: RunningGateway, headers: Record<string, string> = {}) => stack.call("GET", "/v1/models", { token: secret, headers }, gateway);
  const verifyCalls = () => stack.authKey.output().split("\n").filter((line) => line.includes("AuthKeyService/VerifyKey\"")).length;
  // Services write their log lines out at least every 250 ms (common/logging): a count is final
  // once it has not changed over one such interval.
  const settledVerifyCalls = async () => {
    let last = verifyCalls();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = verifyCalls();
      if (now === last) return now;
      last = now;
    }
  };
  const newKey = async (body: Record<string, unknown> = {}) => {
    const created = await stack.call("POST", `/admin/projects/${projectId}/keys`, { token: stack.adminToken, body: { name: "k", ...body } });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, secret: created.body.key as string };
  };

  // Failed attempts count per client IP: each test that expects refusals calls from its own address.
  let lastOctet = 0;
  const freshClient = () => ({ "x-forwarded-for": `198.18.0.${(lastOctet += 1)}` });

  /** Milliseconds from `started` until every gateway refuses `secret` with `status`. */
  async function timeUntilRefusedEverywhere(secret: string, status: number, started: number): Promise<number> {
    const client = freshClient();
    const refusedAt = await Promise.all(
      stack.gateways.map((gateway) =>
        waitFor(async () => ((await models(secret, gateway, client)).status === status ? performance.now() : 0), { intervalMs: 10, timeoutMs: 10_000, description: `refused with ${status}` }),
      ),
    );
    return Math.max(...refusedAt) - started;
  }

  beforeAll(async () => {
    stack = await startAuthStack("gwkey", { gateways: 2, gatewayEnv: { AUTH_FAILURE_LIMIT: String(FAILURE_LIMIT), AUTH_FAILURE_WINDOW_SECONDS: "60" } });
    projectId = (await createKeyFixture(stack, stack.adminToken)).projectId;
    resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "auth-key", group: stack.isolation, logger });
    admin = createServiceClient(authKeyV1.AuthAdminServiceService, { service: "auth-key", resolver, logger });
  });

  afterAll(async () => {
    admin?.close();
    resolver?.close();
    await stack?.stop();
  });

  it("refuses a missing key with OpenAI's message", async () => {
    const response = await stack.call("GET", "/v1/models");
    expect(response.status).toBe(401);
    expect(response.body.error.message).toContain("You didn't provide an API key");
  });

  it("answers a verified key from memory: no RPC per request", async () => {
    const key = await newKey();
    const first = await settledVerifyCalls();
    for (const gateway of stack.gateways) expect((await models(key.secret, gateway)).status).toBe(200);
    await waitFor(() => verifyCalls() === first + 2, { description: "one lookup per gateway logged" });
    const before = await settledVerifyCalls();
    for (let request = 0; request < 20; request += 1) expect((await models(key.secret, stack.gateways[request % 2])).status).toBe(200);
    expect(await settledVerifyCalls()).toBe(before);
  });

  it("shares one lookup among concurrent requests with the same new key", async () => {
    const key = await newKey();
    const before = await settledVerifyCalls();
    const statuses = await Promise.all(Array.from({ length: 20 }, () => models(key.secret)));
    expect(statuses.every((response) => response.status === 200)).toBe(true);
    await waitFor(() => verifyCalls() > before, { description: "the lookup logged" });
    expect(await settledVerifyCalls()).toBe(before + 1);
  });

  it("refuses a key revoked through one gateway on both gateways within 1 s", async () => {
    const key = await newKey();
    for (const gateway of stack.gateways) expect((await models(key.secret, gateway)).status).toBe(200);
    const started = performance.now();
    const revoked = await stack.call("POST", `/admin/keys/${key.id}/revoke`, { token: stack.adminToken, body: { reason: "test" } }, stack.gateways[0]);
    expect(revoked.status).toBe(200);
    expect(await timeUntilRefusedEverywhere(key.secret, 401, started)).toBeLessThan(1_000);
  });

  it("refuses a key revoked behind both gateways' backs (events only) within 1 s", async () => {
    const key = await newKey();
    for (const gateway of stack.gateways) expect((await models(key.secret, gateway)).status).toBe(200);
    const actor = (await stack.call("GET", "/admin/me", { token: stack.adminToken })).body;
    const started = performance.now();
    await admin.revokeKey({ actor: { userId: actor.user_id, role: actor.role, orgId: "", clientIp: "127.0.0.1" }, id: key.id, reason: "direct" });
    expect(await timeUntilRefusedEverywhere(key.secret, 401, started)).toBeLessThan(1_000);
  });

  it("applies a scope change on both gateways within 1 s", async () => {
    const key = await newKey();
    for (const gateway of stack.gateways) expect((await models(key.secret, gateway)).status).toBe(200);
    const started = performance.now();
    await stack.call("PATCH", `/admin/keys/${key.id}`, { token: stack.adminToken, body: { allowed_endpoints: ["chat.completions"] } }, stack.gateways[1]);
    expect(await timeUntilRefusedEverywhere(key.secret, 403, started)).toBeLessThan(1_000);
    // Cached again once the event has reached both (the editing gateway dropped its copy early too):
    // a round of requests then makes no lookup.
    const roundWithoutLookups = async () => {
      const before = await settledVerifyCalls();
      for (let request = 0; request < 10; request += 1) expect((await models(key.secret, stack.gateways[request % 2])).status).toBe(403);
      return (await settledVerifyCalls()) === before;
    };
    await waitFor(roundWithoutLookups, { intervalMs: 50, description: "the changed key cached again" });
  });

  it("refuses an expired key, also when it was cached", async () => {
    const expiresAt = Date.now() + 1_500;
    const key = await newKey({ expires_at: new Date(expiresAt).toISOString() });
    const client = freshClient();
    expect((await models(key.secret, undefined, client)).status).toBe(200);
    await waitFor(async () => (await models(key.secret, undefined, client)).status === 401, { intervalMs: 50, description: "the key expires" });
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    expect((await models(key.secret, stack.gateways[1], client)).status).toBe(401);
  });

  it("keeps a rotated key's old secret working during the grace period and refuses it after", async () => {
    const key = await newKey();
    expect((await models(key.secret)).status).toBe(200);
    const started = Date.now();
    const rotated = await stack.call("POST", `/admin/keys/${key.id}/rotate`, { token: stack.adminToken, body: { grace_period_seconds: 2 } });
    for (const gateway of stack.gateways) {
      expect((await models(key.secret, gateway)).status).toBe(200);
      expect((await models(rotated.body.key, gateway)).status).toBe(200);
    }
    const client = freshClient();
    await waitFor(async () => (await models(key.secret, undefined, client)).status === 401, { intervalMs: 50, timeoutMs: 10_000, description: "the grace period ends" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect((await models(key.secret, stack.gateways[1], client)).status).toBe(401);
    expect((await models(rotated.body.key)).status).toBe(200);
  });

  it("admits a key only from the addresses of its allow-list", async () => {
    const key = await newKey({ ip_allow_list: ["203.0.113.0/24", "2001:db8::/32"] });
    expect((await models(key.secret, undefined, { "x-forwarded-for": "203.0.113.9" })).status).toBe(200);
    expect((await models(key.secret, undefined, { "x-forwarded-for": "2001:db8::7" })).status).toBe(200);
    const outside = await models(key.secret, undefined, { "x-forwarded-for": "198.51.100.1" });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe("ip_not_allowed");
    expect((await models(key.secret)).status).toBe(403);
  });

  it("holds a key to its models and endpoints", async () => {
    const key = await newKey({ allowed_models: ["gpt-4o*"], allowed_endpoints: ["chat.completions"] });
    const chat = (model: string) => stack.call("POST", "/v1/chat/completions", { token: key.secret, body: { model, messages: [{ role: "user", content: "hi" }] } });
    const wrongEndpoint = await models(key.secret);
    expect(wrongEndpoint.status).toBe(403);
    expect(wrongEndpoint.body.error.code).toBe("endpoint_not_allowed");
    const wrongModel = await chat("claude-3-haiku");
    expect(wrongModel.status).toBe(404);
    expect(wrongModel.body.error).toMatchObject({ code: "model_not_found", param: "model" });
    expect([401, 403]).not.toContain((await chat("gpt-4o-mini")).status);
  });

  it("asks auth-key once for a bad key within the negative cache time", async () => {
    const bad = `sk-llms-${"b".repeat(43)}`;
    const headers = freshClient();
    const before = await settledVerifyCalls();
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await models(bad, undefined, headers)).status).toBe(401);
    await waitFor(() => verifyCalls() > before, { description: "the one lookup logged" });
    expect(await settledVerifyCalls()).toBe(before + 1);
  });

  it("limits failed attempts per client IP on every gateway, while cached keys keep working", async () => {
    const cached = await newKey();
    const uncached = await newKey();
    const attacker = { "x-forwarded-for": "192.0.2.55" };
    expect((await models(cached.secret, stack.gateways[0], attacker)).status).toBe(200);
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt += 1) {
      expect((await models(`sk-llms-guess${attempt}${"g".repeat(40)}`, stack.gateways[0], attacker)).status).toBe(401);
    }
    const limited = await models(`sk-llms-guess-more${"g".repeat(40)}`, stack.gateways[1], attacker);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await models(uncached.secret, stack.gateways[1], attacker)).status).toBe(429);
    expect((await models(cached.secret, stack.gateways[0], attacker)).status).toBe(200);
    expect((await models(uncached.secret, stack.gateways[1], { "x-forwarded-for": "192.0.2.56" })).status).toBe(200);
  });

  it("keeps serving cached keys while auth-key is down, and refuses unknown ones with 503", async () => {
    const key = await newKey();
    const other = await newKey();
    expect((await models(key.secret)).status).toBe(200);
    expect(await stack.authKey.stop()).toBe(0);
    expect((await models(key.secret)).status).toBe(200);
    expect((await models(other.secret)).status).toBe(503);
  });
});
