import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "@llm-serve/common";
import { startAnalytics } from "@llm-serve/analytics";
import { startBilling } from "@llm-serve/billing";
import { startAuthKey } from "@llm-serve/auth-key";
import { startModelRegistry } from "@llm-serve/model-registry";
import { startQuota } from "@llm-serve/quota";
import { INFRA, freePort, serviceTestEnv, spawnService, uniqueId, waitFor, type ServiceProcess } from "@llm-serve/testkit";
import { connectHeapInspector, inspectorUrl, type HeapInspector } from "./heap-inspector.js";
import { residentBytes } from "./process-memory.js";
import { RetryableSetupError, retrySetup } from "./setup-retry.js";

/** A gateway running as its own process, as production runs it: its memory and its death are its own. */
export interface GatewayProcess {
  url: string;
  process: ServiceProcess;
  /** Resident set size of the gateway process now (bytes). */
  residentBytes(): number;
  /** False once the process has exited (a crash, unless the test stopped it). */
  alive(): boolean;
  /** Its V8 heap through the inspector; only for gateways started with `inspectHeap`. */
  heap(): Promise<HeapInspector>;
}

export interface AdminAnswer {
  status: number;
  body: any;
}

export interface EdgePlatform {
  isolation: string;
  env: Record<string, string>;
  gateways: GatewayProcess[];
  adminToken: string;
  /** A call under test: never retried. */
  admin(method: string, path: string, body?: unknown, gateway?: GatewayProcess): Promise<AdminAnswer>;
  /** A set-up call that must answer 201, tried again on a 503 or a broken connection (setup-retry.ts). */
  created(method: string, path: string, body: unknown): Promise<any>;
  /** An organization, a project and an API key, made through the admin API (set-up: retried). */
  createKey(keyBody?: Record<string, unknown>): Promise<{ secret: string; keyId: string; projectId: string; organizationId: string; signingSecret?: string }>;
  /** Creates a model through the admin API and waits until every gateway routes to it. */
  createModel(body: Record<string, unknown>, apiKey: string): Promise<void>;
  stop(): Promise<void>;
}

export interface EdgePlatformOptions {
  gateways?: number;
  /** Environment of the gateway processes (routing, limits). */
  gatewayEnv?: Record<string, string>;
  /** Environment of every service (e.g. quota's default policies). */
  env?: Record<string, string>;
  /** Also run billing (its admin routes answer 503 without it). */
  billing?: boolean;
  /** Start the gateways with their inspector on a free local port, to read their heap (`GatewayProcess.heap`). */
  inspectHeap?: boolean;
}

/** Generous default limits: the load below must meet the faults under test, not the default quota. */
const UNLIMITED_KEYS = JSON.stringify([{ scope: "key", requests_per_minute: 1_000_000, tokens_per_minute: 1_000_000_000, fail_mode: "open" }]);

/**
 * Registry, auth-key, analytics and quota in this process and N gateways as child processes, on the
 * real infrastructure, isolated by their own schemas, Nacos group and topic namespace.
 */
export async function startEdgePlatform(options: EdgePlatformOptions = {}): Promise<EdgePlatform> {
  // A start that fails (a Kafka broker error, a gRPC error while a service registers) is set-up,
  // not what a test is about: what was started is stopped and the whole platform starts once more.
  // Two tries: a gateway that does not start within its 240 s is not worth a third.
  return retrySetup("start the platform", () => startOnce(options), { attempts: 2, retryable: () => true });
}

async function startOnce(options: EdgePlatformOptions): Promise<EdgePlatform> {
  const isolation = uniqueId("edge");
  const bootstrapFile = join(mkdtempSync(join(tmpdir(), "llms-edge-")), "bootstrap-admin.json");
  const env = serviceTestEnv(isolation, { QUOTA_DEFAULT_POLICIES: UNLIMITED_KEYS, ...options.env });
  const stoppers: Array<() => Promise<unknown>> = [];
  const gateways: GatewayProcess[] = [];
  const stopAll = async () => {
    for (const gateway of gateways) (await inspectors.get(gateway))?.close();
    await Promise.all(gateways.map((gateway) => gateway.process.stop()));
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    const db = createDatabase({ url: INFRA.databaseUrl, schema: "public", poolMax: 1 });
    for (const prefix of ["mr", "ak", "an", "qt", "gw", "bl"]) await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [`${prefix}_${isolation}`]).catch(() => undefined);
    await db.destroy();
  };
  let adminToken: string;
  try {
    const registry = await startModelRegistry({ ...env, DATABASE_SCHEMA: `mr_${isolation}` });
    stoppers.push(() => registry.stop());
    const authKey = await startAuthKey({ ...env, DATABASE_SCHEMA: `ak_${isolation}`, BOOTSTRAP_ADMIN_FILE: bootstrapFile });
    stoppers.push(() => authKey.stop());
    const analytics = await startAnalytics({ ...env, DATABASE_SCHEMA: `an_${isolation}` });
    stoppers.push(() => analytics.stop());
    const quota = await startQuota({ ...env, DATABASE_SCHEMA: `qt_${isolation}` });
    stoppers.push(() => quota.stop());
    if (options.billing) {
      const billing = await startBilling({ ...env, DATABASE_SCHEMA: `bl_${isolation}` });
      stoppers.push(() => billing.stop());
    }
    for (let index = 0; index < (options.gateways ?? 1); index += 1) gateways.push(await spawnGateway({ ...env, DATABASE_SCHEMA: `gw_${isolation}`, ...inspectorOption(options), ...options.gatewayEnv }));
    adminToken = (JSON.parse(readFileSync(bootstrapFile, "utf8")) as { admin_token: string }).admin_token;
  } catch (error) {
    await stopAll();
    throw error;
  }

  async function admin(method: string, path: string, body?: unknown, gateway = gateways[0]!): Promise<AdminAnswer> {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /**
   * A set-up call: a 503 (a dependency's deadline on a loaded machine) or a broken connection is
   * tried again (setup-retry.ts). `alreadyDone` names statuses that mean an earlier try did succeed
   * behind its 503 (a model id that now exists: 409).
   */
  async function created(method: string, path: string, body: unknown, alreadyDone: number[] = []): Promise<any> {
    let tries = 0;
    return retrySetup(`${method} ${path.replace(/\/[a-z]+_[0-9a-f]{8,}(?=\/|$)/g, "/{id}")}`, async () => {
      tries += 1;
      const answer = await admin(method, path, body);
      if (answer.status === 201 || (tries > 1 && alreadyDone.includes(answer.status))) return answer.body;
      const failure = `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`;
      throw answer.status === 503 ? new RetryableSetupError(failure) : new Error(failure);
    });
  }

  return {
    isolation,
    env,
    gateways,
    adminToken,
    admin,
    created: (method, path, body) => created(method, path, body),
    async createKey(keyBody = {}) {
      const organization = await created("POST", "/admin/organizations", { name: `edge org ${uniqueId()}` });
      const project = await created("POST", `/admin/organizations/${organization.id}/projects`, { name: "edge project" });
      const key = await created("POST", `/admin/projects/${project.id}/keys`, { name: "edge key", ...keyBody });
      return { secret: key.key, keyId: key.id, projectId: project.id, organizationId: organization.id, signingSecret: key.signing_secret };
    },
    async createModel(body, apiKey) {
      await created("POST", "/admin/models", body, [409]);
      for (const gateway of gateways) {
        await waitFor(
          async () => (await fetch(`${gateway.url}/v1/models/${String(body.id)}`, { headers: { authorization: `Bearer ${apiKey}` } })).status === 200,
          { description: `the gateway knows ${String(body.id)}`, timeoutMs: 30_000 },
        );
      }
    },
    stop: stopAll,
  };
}

/** Port 0: each gateway's inspector listens on its own free port, on loopback only. */
function inspectorOption(options: EdgePlatformOptions): Record<string, string> {
  return options.inspectHeap ? { NODE_OPTIONS: "--inspect=127.0.0.1:0" } : {};
}

/** One inspector connection per gateway, opened on first use. */
const inspectors = new WeakMap<GatewayProcess, Promise<HeapInspector>>();

async function spawnGateway(env: Record<string, string>): Promise<GatewayProcess> {
  const httpPort = await freePort();
  // Generous: on a loaded two-core machine a gateway has taken more than a minute to start.
  const child = await spawnService("gateway", { ...env, HTTP_PORT: String(httpPort) }, 240_000);
  const pid = child.child.pid!;
  const gateway: GatewayProcess = {
    url: `http://127.0.0.1:${httpPort}`,
    process: child,
    residentBytes: () => residentBytes(pid),
    alive: () => child.child.exitCode === null && child.child.signalCode === null,
    heap() {
      const url = inspectorUrl(child.output());
      if (!url) return Promise.reject(new Error("the gateway was started without its inspector (inspectHeap)"));
      if (!inspectors.has(gateway)) inspectors.set(gateway, connectHeapInspector(url));
      return inspectors.get(gateway)!;
    },
  };
  return gateway;
}
