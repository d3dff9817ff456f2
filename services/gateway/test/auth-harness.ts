import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "@llm-serve/common";
import { INFRA, captureLogs, serviceTestEnv, spawnService, uniqueId, type CapturedLogs, type ServiceProcess } from "@llm-serve/testkit";
import { startGateway, type RunningGateway } from "../src/app.js";

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  body: any;
  headers: Headers;
}

/**
 * One isolated platform slice for an auth test file: auth-key as its own process (as in
 * production) and N gateways in this process, all on the real infrastructure, with their own
 * schemas, Nacos group, topic namespace and Redis prefix.
 */
export interface AuthStack {
  isolation: string;
  logs: CapturedLogs;
  authKey: ServiceProcess;
  /** The other service processes, in the order of `options.services`. */
  services: ServiceProcess[];
  gateways: RunningGateway[];
  bootstrapFile: string;
  adminToken: string;
  call(method: string, path: string, options?: CallOptions, gateway?: RunningGateway): Promise<CallResult>;
  stop(): Promise<void>;
}

export interface AuthStackOptions {
  gateways?: number;
  gatewayEnv?: Record<string, string>;
  authKeyEnv?: Record<string, string>;
  logLevel?: string;
  /** More services to run as processes before the gateways start, e.g. model-registry. */
  services?: Array<{ name: string; env: Record<string, string> }>;
}

export async function startAuthStack(prefix: string, options: AuthStackOptions = {}): Promise<AuthStack> {
  const isolation = uniqueId(prefix);
  const logLevel = options.logLevel ?? "info";
  const logs = captureLogs("gateway", logLevel);
  const bootstrapFile = join(mkdtempSync(join(tmpdir(), "llms-gw-auth-")), "bootstrap-admin.json");
  const authKey = await spawnService("auth-key", serviceTestEnv(isolation, { DATABASE_SCHEMA: `ak_${isolation}`, BOOTSTRAP_ADMIN_FILE: bootstrapFile, ...options.authKeyEnv }));
  const services: ServiceProcess[] = [];
  const gatewayEnv = serviceTestEnv(isolation, { DATABASE_SCHEMA: `gw_${isolation}`, LOG_LEVEL: logLevel, ...options.gatewayEnv });
  const gateways: RunningGateway[] = [];
  try {
    for (const service of options.services ?? []) services.push(await spawnService(service.name, serviceTestEnv(isolation, { DATABASE_SCHEMA: `${service.name.slice(0, 2)}_${isolation}`, ...service.env })));
    for (let index = 0; index < (options.gateways ?? 1); index += 1) gateways.push(await startGateway(gatewayEnv, logs.logger));
  } catch (error) {
    await Promise.all([...gateways.map((gateway) => gateway.stop()), ...services.map((service) => service.stop())]);
    await authKey.stop();
    throw error;
  }
  const adminToken = (JSON.parse(readFileSync(bootstrapFile, "utf8")) as { admin_token: string }).admin_token;

  async function call(method: string, path: string, callOptions: CallOptions = {}, gateway = gateways[0]!): Promise<CallResult> {
    const headers: Record<string, string> = { ...callOptions.headers };
    if (callOptions.token) headers.authorization = `Bearer ${callOptions.token}`;
    if (callOptions.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${gateway.url}${path}`, { method, headers, body: callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  async function stop(): Promise<void> {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await Promise.all([authKey, ...services].map((service) => service.stop()));
    const db = createDatabase({ url: INFRA.databaseUrl, schema: "public", poolMax: 1 });
    const schemas = ["ak", "gw", ...(options.services ?? []).map((service) => service.name.slice(0, 2))].map((prefix) => `${prefix}_${isolation}`);
    for (const schema of schemas) await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]).catch(() => undefined);
    await db.destroy();
  }

  return { isolation, logs, authKey, services, gateways, bootstrapFile, adminToken, call, stop };
}

/** Creates an organization, a project and a key as the given admin; returns the created objects. */
export async function createKeyFixture(stack: AuthStack, token: string, keyBody: Record<string, unknown> = {}) {
  const organization = await stack.call("POST", "/admin/organizations", { token, body: { name: "Fixture org" } });
  const project = await stack.call("POST", `/admin/organizations/${organization.body.id}/projects`, { token, body: { name: "Fixture project" } });
  const key = await stack.call("POST", `/admin/projects/${project.body.id}/keys`, { token, body: { name: "fixture key", ...keyBody } });
  if (key.status !== 201) throw new Error(`key fixture failed: ${JSON.stringify(key.body)}`);
  return { organizationId: organization.body.id as string, projectId: project.body.id as string, keyId: key.body.id as string, secret: key.body.key as string, signingSecret: key.body.signing_secret as string };
}
