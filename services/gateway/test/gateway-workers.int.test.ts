import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAuthKey, type RunningAuthKey } from "@llm-serve/auth-key";
import { NacosClient } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { startModelRegistry, type RunningModelRegistry } from "@llm-serve/model-registry";
import { authKeyV1 } from "@llm-serve/proto";
import { startQuota, type RunningQuota } from "@llm-serve/quota";
import { INFRA, captureLogs, freePort, serviceTestEnv, spawnService, uniqueId, waitFor, type ServiceProcess } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const isolation = uniqueId("workers");
const env = serviceTestEnv(isolation);
const actor = { userId: "workers-test", role: "platform_admin", orgId: "", clientIp: "127.0.0.1" };


function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Request counts per worker instance, from the primary's summed /metrics. */
async function requestsPerInstance(metricsUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${metricsUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const counts = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^llmserve_http_request_duration_seconds_count\{([^}]*)\} (\d+)/.exec(line);
    if (!match?.[1] || !match[1].includes('route="/v1/chat/completions"')) continue;
    const instance = /instance="([^"]+)"/.exec(match[1])?.[1] ?? "";
    counts.set(instance, (counts.get(instance) ?? 0) + Number(match[2]));
  }
  return counts;
}

describe("the gateway with several worker processes (GATEWAY_WORKERS)", () => {
  const logs = captureLogs("workers", "warn");
  const closers: Array<() => unknown> = [];
  let registry: RunningModelRegistry;
  let authKey: RunningAuthKey;
  let quota: RunningQuota;
  let gateway: ServiceProcess;
  let url: string;
  let metricsUrl: string;
  let secret: string;

  beforeAll(async () => {
    registry = await startModelRegistry({ ...env, DATABASE_SCHEMA: `mr_${isolation}` });
    authKey = await startAuthKey({ ...env, DATABASE_SCHEMA: `ak_${isolation}`, BOOTSTRAP_ADMIN_FILE: join(mkdtempSync(join(tmpdir(), "llms-workers-")), "admin.json") });
    quota = await startQuota({ ...env, DATABASE_SCHEMA: `q_${isolation}` }, { logger: logs.logger });
    const nacos = new NacosClient({ serverAddr: INFRA.nacosAddr });
    const resolver = new NacosResolver({ nacos, service: "auth-key", group: isolation, logger: logs.logger });
    const authAdmin = createServiceClient(authKeyV1.AuthAdminServiceService, { service: "auth-key", resolver, logger: logs.logger });
    closers.push(() => authAdmin.close(), () => resolver.close());
    secret = (await authAdmin.quickstart({ actor, organizationName: "workers", projectName: "workers", keyName: "workers" })).secret!.key;

    const [httpPort, metricsPort] = [await freePort(), await freePort()];
    gateway = await spawnService("gateway", { ...env, DATABASE_SCHEMA: `gw_${isolation}`, HTTP_PORT: String(httpPort), METRICS_PORT: String(metricsPort), GATEWAY_WORKERS: "2" });
    url = `http://127.0.0.1:${httpPort}`;
    metricsUrl = `http://127.0.0.1:${metricsPort}`;
    await waitFor(async () => (await fetch(`${metricsUrl}/readyz`, { signal: AbortSignal.timeout(5_000) })).status === 200, { description: "both workers ready", timeoutMs: 30_000 });
  }, 90_000);

  afterAll(async () => {
    if (gateway) for (const pid of childPids(gateway.child.pid!)) process.kill(pid, "SIGKILL");
    await gateway?.stop("SIGKILL");
    for (const close of closers) await close();
    await quota?.stop();
    await authKey?.stop();
    await registry?.stop();
  });

  // A new connection per request: the primary hands connections to the workers in turn.
  const chat = () =>
    fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", connection: "close" },
      body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: "hello" }] }),
      signal: AbortSignal.timeout(10_000),
    });

  it("shares the HTTP port between the workers and serves their summed metrics on one ops port", async () => {
    expect(childPids(gateway.child.pid!)).toHaveLength(2);
    for (let index = 0; index < 20; index += 1) expect((await chat()).status).toBe(200);
    const counts = await requestsPerInstance(metricsUrl);
    expect(counts.size).toBe(2);
    expect([...counts.values()].every((count) => count >= 1)).toBe(true);
    expect([...counts.values()].reduce((sum, count) => sum + count, 0)).toBe(20);
  });

  it("replaces a worker that dies, and the other answers meanwhile", async () => {
    const [victim, other] = childPids(gateway.child.pid!);
    process.kill(victim!, "SIGKILL");
    await waitFor(() => gateway.output().includes("gateway worker exited; starting another"), { description: "the primary noticed" });
    // The dead worker's socket is gone with it: every new connection reaches the survivor.
    for (let index = 0; index < 5; index += 1) expect((await chat()).status).toBe(200);
    const replacement = await waitFor(() => childPids(gateway.child.pid!).find((pid) => pid !== other && pid !== victim), { description: "a new worker", timeoutMs: 30_000 });
    expect(replacement).toBeGreaterThan(0);
    await waitFor(async () => (await fetch(`${metricsUrl}/readyz`, { signal: AbortSignal.timeout(5_000) })).status === 200, { description: "two workers ready again", timeoutMs: 30_000 });
    await waitFor(async () => (await requestsPerInstance(metricsUrl)).size >= 1, { description: "metrics answered" });
  }, 60_000);

  it("stops every worker in order on SIGTERM and exits 0", async () => {
    const workers = childPids(gateway.child.pid!);
    expect(workers).toHaveLength(2);
    const code = await gateway.stop("SIGTERM");
    expect(code).toBe(0);
    expect(workers.filter((pid) => childPids(pid).length > 0 || existsProcess(pid))).toEqual([]);
    expect(gateway.output().match(/"msg":"shutdown complete"/g)?.length).toBe(3);
  }, 60_000);
});

function existsProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
