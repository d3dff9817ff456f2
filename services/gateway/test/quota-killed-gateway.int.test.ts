import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAuthKey, type RunningAuthKey } from "@llm-serve/auth-key";
import { NacosClient } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { startModelRegistry, type RunningModelRegistry } from "@llm-serve/model-registry";
import { authKeyV1, quotaV1 } from "@llm-serve/proto";
import { startQuota, type RunningQuota } from "@llm-serve/quota";
import { INFRA, captureLogs, freePort, serviceTestEnv, spawnService, uniqueId, waitFor, type ServiceProcess } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type RunningGateway } from "../src/app.js";

const HOLD_TTL_MS = 4_000;
const isolation = uniqueId("qkill");
const env = serviceTestEnv(isolation);
const actor = { userId: "quota-test", role: "platform_admin", orgId: "", clientIp: "127.0.0.1" };


describe("a gateway killed in the middle of a request", () => {
  const logs = captureLogs("quota-kill", "warn");
  const closers: Array<() => unknown> = [];
  let registry: RunningModelRegistry;
  let authKey: RunningAuthKey;
  let quota: RunningQuota;
  let survivor: RunningGateway;
  let doomed: ServiceProcess;
  let doomedUrl: string;
  let secret: string;
  let policyId: string;
  let quotaClient: ReturnType<typeof createServiceClient<typeof quotaV1.QuotaServiceService>>;

  beforeAll(async () => {
    registry = await startModelRegistry({ ...env, DATABASE_SCHEMA: `mr_${isolation}` });
    authKey = await startAuthKey({ ...env, DATABASE_SCHEMA: `ak_${isolation}`, BOOTSTRAP_ADMIN_FILE: join(mkdtempSync(join(tmpdir(), "llms-quota-")), "admin.json") });
    quota = await startQuota({ ...env, DATABASE_SCHEMA: `q_${isolation}` }, { logger: logs.logger });
    const nacos = new NacosClient({ serverAddr: INFRA.nacosAddr });
    const resolvers = ["auth-key", "quota"].map((service) => new NacosResolver({ nacos, service, group: isolation, logger: logs.logger }));
    const authAdmin = createServiceClient(authKeyV1.AuthAdminServiceService, { service: "auth-key", resolver: resolvers[0]!, logger: logs.logger });
    quotaClient = createServiceClient(quotaV1.QuotaServiceService, { service: "quota", resolver: resolvers[1]!, logger: logs.logger });
    closers.push(() => authAdmin.close(), () => quotaClient.close(), ...resolvers.map((resolver) => () => resolver.close()));
    const started = await authAdmin.quickstart({ actor, organizationName: "killed", projectName: "killed", keyName: "killed" });
    secret = started.secret!.key;
    const policy = { scope: "key", scopeId: started.key!.id, maxConcurrentRequests: 1, tokenBudget: { limit: 1_000_000, period: "month" } };
    policyId = (await quotaClient.createPolicy({ policy: quotaV1.QuotaPolicy.fromPartial(policy) })).policy!.id;

    survivor = await startGateway({ ...env, DATABASE_SCHEMA: `gw_${isolation}` }, logs.logger);
    // The other replica runs as its own process, as in production, so that it can really die.
    const httpPort = await freePort();
    doomed = await spawnService("gateway", { ...env, DATABASE_SCHEMA: `gw_${isolation}`, HTTP_PORT: String(httpPort), QUOTA_HOLD_TTL_MS: String(HOLD_TTL_MS) });
    doomedUrl = `http://127.0.0.1:${httpPort}`;
  });

  afterAll(async () => {
    await doomed?.stop("SIGKILL");
    await survivor?.stop();
    for (const close of closers) await close();
    await quota?.stop();
    await authKey?.stop();
    await registry?.stop();
  });

  const request = (url: string, stream: boolean) =>
    fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: "Tell me a long story about quotas" }], max_tokens: 200, stream }),
    });
  const held = async () => (await quotaClient.getUsage({ policyId, subjectId: "" })).usage.find((entry) => entry.dimension === "token_budget")!.held;

  it("has its reservation released once the hold expires, and no sooner", async () => {
    const streaming = await request(doomedUrl, true);
    expect(streaming.status).toBe(200);
    const reader = streaming.body!.getReader();
    await reader.read();
    // Mid-request: the stream has started and its reservation is held.
    expect(await held()).toBeGreaterThan(200);
    doomed.child.kill("SIGKILL");
    const killedAt = Date.now();
    await reader.read().catch(() => undefined);

    const blocked = await request(survivor.url, false);
    const refusal = (await blocked.json()) as { error: { code: string } };
    expect(blocked.status, JSON.stringify(refusal)).toBe(429);
    expect(refusal.error.code).toBe("rate_limit_exceeded");

    const admitted = await waitFor(async () => {
      const answer = await request(survivor.url, false);
      return answer.status === 200 ? answer : undefined;
    }, { description: "the dead replica's hold expires", intervalMs: 50 });
    const releasedAfterMs = Date.now() - killedAt;
    logs.logger.warn({ releasedAfterMs }, "hold of the killed gateway released");
    expect(releasedAfterMs).toBeLessThanOrEqual(HOLD_TTL_MS + 1_500);
    expect(admitted.headers.get("x-ratelimit-limit-tokens")).toBe("1000000");
    expect(await held()).toBe(0);
  });
});
