import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "@llm-serve/common";
import { startAnalytics } from "@llm-serve/analytics";
import { startBilling, type RunningBilling } from "@llm-serve/billing";
import { startAuthKey } from "@llm-serve/auth-key";
import { startModelRegistry } from "@llm-serve/model-registry";
import { startQuota } from "@llm-serve/quota";
import { INFRA, freePort, serviceTestEnv, spawnService, uniqueId, waitFor, type ServiceProcess } from "@llm-serve/testkit";
import { connectHeapInspector, inspectorUrl, type HeapInspector } from "./heap-inspector.js";
import { residentBytes } from "./process-memory.js";

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
  admin(method: string, path: string, body?: unknown, gateway?: GatewayProcess): Promise<AdminAnswer>;
  /** An organization, a project and an API key, made through the admin API. */
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
  const isolation = uniqueId("edge");
  const bootstrapFile = join(mkdtempSync(join(tmpdir(), "llms-edge-")), "bootstrap-admin.json");
  const env = serviceTestEnv(isolation, { QUOTA_DEFAULT_POLICIES: UNLIMITED_KEYS, ...options.env });
  const registry = await startModelRegistry({ ...env, DATABASE_SCHEMA: `mr_${isolation}` });
  const authKey = await startAuthKey({ ...env, DATABASE_SCHEMA: `ak_${isolation}`, BOOTSTRAP_ADMIN_FILE: bootstrapFile });
  const analytics = await startAnalytics({ ...env, DATABASE_SCHEMA: `an_${isolation}` });
  const quota = await startQuota({ ...env, DATABASE_SCHEMA: `qt_${isolation}` });
  const billing: RunningBilling | undefined = options.billing ? await startBilling({ ...env, DATABASE_SCHEMA: `bl_${isolation}` }) : undefined;
  const gateways: GatewayProcess[] = [];
  for (let index = 0; index < (options.gateways ?? 1); index += 1) gateways.push(await spawnGateway({ ...env, DATABASE_SCHEMA: `gw_${isolation}`, ...inspectorOption(options), ...options.gatewayEnv }));
  const adminToken = (JSON.parse(readFileSync(bootstrapFile, "utf8")) as { admin_token: string }).admin_token;

  async function admin(method: string, path: string, body?: unknown, gateway = gateways[0]!): Promise<AdminAnswer> {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function created(method: string, path: string, body: unknown): Promise<any> {
    const answer = await admin(method, path, body);
    if (answer.status !== 201) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  return {
    isolation,
    env,
    gateways,
    adminToken,
    admin,
    async createKey(keyBody = {}) {
      const organization = await created("POST", "/admin/organizations", { name: `edge org ${uniqueId()}` });
      const project = await created("POST", `/admin/organizations/${organization.id}/projects`, { name: "edge project" });
      const key = await created("POST", `/admin/projects/${project.id}/keys`, { name: "edge key", ...keyBody });
      return { secret: key.key, keyId: key.id, projectId: project.id, organizationId: organization.id, signingSecret: key.signing_secret };
    },
    async createModel(body, apiKey) {
      await created("POST", "/admin/models", body);
      for (const gateway of gateways) {
        await waitFor(
          async () => (await fetch(`${gateway.url}/v1/models/${String(body.id)}`, { headers: { authorization: `Bearer ${apiKey}` } })).status === 200,
          { description: `the gateway knows ${String(body.id)}`, timeoutMs: 30_000 },
        );
      }
    },
    async stop() {
      for (const gateway of gateways) (await inspectors.get(gateway))?.close();
      await Promise.all(gateways.map((gateway) => gateway.process.stop()));
      await billing?.stop();
      await quota.stop();
      await analytics.stop();
      await authKey.stop();
      await registry.stop();
      const db = createDatabase({ url: INFRA.databaseUrl, schema: "public", poolMax: 1 });
      for (const prefix of ["mr", "ak", "an", "qt", "gw", "bl"]) await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [`${prefix}_${isolation}`]).catch(() => undefined);
      await db.destroy();
    },
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
