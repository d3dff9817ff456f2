import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { startAuthKey, type RunningAuthKey } from "@llm-serve/auth-key";
import { KafkaEventBus, NacosClient, TOPICS, type Subscription } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { startModelRegistry, type RunningModelRegistry } from "@llm-serve/model-registry";
import { authKeyV1, quotaV1, type eventsV1 } from "@llm-serve/proto";
import { startQuota, type RunningQuota } from "@llm-serve/quota";
import { INFRA, REPO_ROOT, captureLogs, freePort, serviceTestEnv, uniqueId, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type RunningGateway } from "../src/app.js";

const run = promisify(execFile);
const isolation = uniqueId("qdown");
const actor = { userId: "quota-test", role: "platform_admin", orgId: "", clientIp: "127.0.0.1" };


/** A Redis of this test's own for the quota counters, which it stops and starts (the shared one stays up). */
async function privateRedis() {
  const dataDir = mkdtempSync(join(tmpdir(), "llms-quota-redis-"));
  const port = await freePort();
  const script = resolve(REPO_ROOT, "deploy/local/components/redis.sh");
  const component = (command: "start" | "stop") => run("bash", [script, command], { env: { ...process.env, REDIS_PORT: String(port), REDIS_DATA_DIR: dataDir }, timeout: 60_000 });
  await component("start");
  return { url: `redis://127.0.0.1:${port}`, start: () => component("start"), stop: () => component("stop"), destroy: async () => void (await component("stop").catch(() => undefined), rmSync(dataDir, { recursive: true, force: true })) };
}

describe("quota enforcement while Redis is unreachable", () => {
  const logs = captureLogs("gateway", "info");
  const closers: Array<() => unknown> = [];
  let redis: Awaited<ReturnType<typeof privateRedis>>;
  let registry: RunningModelRegistry;
  let authKey: RunningAuthKey;
  let quota: RunningQuota;
  let gateway: RunningGateway;
  let quotaClient: ReturnType<typeof createServiceClient<typeof quotaV1.QuotaServiceService>>;
  const secrets: Record<"open" | "closed", string> = { open: "", closed: "" };
  const policyIds: Record<"open" | "closed", string> = { open: "", closed: "" };
  const failOpened: eventsV1.QuotaFailOpened[] = [];

  beforeAll(async () => {
    redis = await privateRedis();
    const env = serviceTestEnv(isolation, { QUOTA_REDIS_URL: redis.url });
    registry = await startModelRegistry({ ...env, DATABASE_SCHEMA: `mr_${isolation}` });
    authKey = await startAuthKey({ ...env, DATABASE_SCHEMA: `ak_${isolation}`, BOOTSTRAP_ADMIN_FILE: join(mkdtempSync(join(tmpdir(), "llms-quota-")), "admin.json") });
    quota = await startQuota({ ...env, REDIS_URL: redis.url, DATABASE_SCHEMA: `q_${isolation}`, QUOTA_REBUILD_CHECK_MS: "200" }, { logger: logs.logger });
    const nacos = new NacosClient({ serverAddr: INFRA.nacosAddr });
    const resolvers = ["auth-key", "quota"].map((service) => new NacosResolver({ nacos, service, group: isolation, logger: logs.logger }));
    const authAdmin = createServiceClient(authKeyV1.AuthAdminServiceService, { service: "auth-key", resolver: resolvers[0]!, logger: logs.logger });
    quotaClient = createServiceClient(quotaV1.QuotaServiceService, { service: "quota", resolver: resolvers[1]!, logger: logs.logger });
    const bus = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: `reader-${isolation}`, logger: logs.logger, namespace: isolation });
    const subscription: Subscription = await bus.subscribe({ groupId: `reader-${isolation}`, topic: TOPICS.quotaFailOpened, fromBeginning: true, handler: async (event) => void failOpened.push(event.payload) });
    closers.push(() => authAdmin.close(), () => quotaClient.close(), ...resolvers.map((resolver) => () => resolver.close()), () => subscription.stop(), () => bus.close());
    for (const mode of ["open", "closed"] as const) {
      const started = await authAdmin.quickstart({ actor, organizationName: `fail ${mode}`, projectName: mode, keyName: mode });
      secrets[mode] = started.secret!.key;
      const policy = { scope: "key", scopeId: started.key!.id, requestsPerMinute: 1_000, tokenBudget: { limit: 1_000_000, period: "day" }, failMode: mode };
      policyIds[mode] = (await quotaClient.createPolicy({ policy: quotaV1.QuotaPolicy.fromPartial(policy) })).policy!.id;
    }
    await waitFor(() => quota.deps.state.isTrusted(), { description: "the counters are trusted" });
    gateway = await startGateway({ ...env, DATABASE_SCHEMA: `gw_${isolation}`, QUOTA_REDIS_TIMEOUT_MS: "200" }, logs.logger);
  });

  afterAll(async () => {
    await gateway?.stop();
    for (const close of closers) await close();
    await quota?.stop();
    await authKey?.stop();
    await registry?.stop();
    await redis?.destroy();
  });

  const chat = async (mode: "open" | "closed") => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secrets[mode]}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: `hello from ${mode}` }], max_tokens: 40 }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { usage?: { total_tokens: number }; error?: { code: string } } };
  };
  const tokensUsed = async (mode: "open" | "closed") => (await quotaClient.getUsage({ policyId: policyIds[mode], subjectId: "" })).usage.find((entry) => entry.dimension === "token_budget")!.used;
  const metric = async (name: string) => {
    const text = await (await fetch(`http://127.0.0.1:${gateway.metricsPort}/metrics`)).text();
    return text.split("\n").filter((line) => line.startsWith(name)).reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
  };

  it("lets fail-open policies through loudly and refuses fail-closed ones, then charges what went through", async () => {
    expect((await chat("open")).status).toBe(200);
    expect((await chat("closed")).status).toBe(200);
    const before = await tokensUsed("open");

    await redis.stop();
    const unchecked = [await chat("open"), await chat("open")];
    expect(unchecked.map((answer) => answer.status)).toEqual([200, 200]);
    expect(unchecked[0]!.headers.get("x-ratelimit-limit-requests")).toBeNull();
    const refused = await chat("closed");
    expect(refused.status).toBe(503);
    expect(refused.body.error?.code).toBe("service_unavailable");
    expect(refused.headers.get("retry-after")).toBe("1");

    // Never silent: a warning line, a metric per request and one event (throttled per policy).
    const line = logs.lines.find((entry) => entry.msg === "quota policy failed open: request admitted unchecked");
    expect(line).toMatchObject({ policyId: policyIds.open, reason: "redis_unavailable", requests: 1 });
    expect(await metric('llmserve_quota_fail_open_total{scope="key",reason="redis_unavailable"')).toBe(2);
    await waitFor(() => failOpened.length > 0, { description: "a fail-opened event on Kafka" });
    expect(failOpened).toEqual([expect.objectContaining({ policyId: policyIds.open, scope: "key", reason: "redis_unavailable", requests: 1, instanceId: gateway.instanceId })]);

    await redis.start();
    await waitFor(async () => (await chat("closed")).status === 200, { description: "fail-closed requests admitted again" });
    // The unchecked requests' usage reaches the counters once Redis answers (settlement retries).
    const spent = unchecked.reduce((sum, answer) => sum + answer.body.usage!.total_tokens, 0);
    await waitFor(async () => (await tokensUsed("open")) === before + spent, { description: "unchecked usage charged" });
  });
});
