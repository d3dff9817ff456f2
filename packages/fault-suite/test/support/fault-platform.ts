import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startAnalytics, type RunningAnalytics } from "@llm-serve/analytics";
import { startAuthKey, type RunningAuthKey } from "@llm-serve/auth-key";
import { startBilling, type RunningBilling } from "@llm-serve/billing";
import { createDatabase, type Knex, type Logger } from "@llm-serve/common";
import { startGateway, type RunningGateway } from "@llm-serve/gateway";
import { startModelRegistry, type RunningModelRegistry } from "@llm-serve/model-registry";
import { startQuota, type RunningQuota } from "@llm-serve/quota";
import { serviceTestEnv, uniqueId, waitFor } from "@llm-serve/testkit";

/** The schema of each service of a platform (one set per test file). */
export const schemaOf = (service: "registry" | "auth" | "analytics" | "quota" | "billing" | "gateway", isolation: string) =>
  ({ registry: "mr", auth: "ak", analytics: "an", quota: "qt", billing: "bl", gateway: "gw" })[service] + `_${isolation}`;

export interface Answer {
  status: number;
  body: Record<string, any>;
}

export interface FaultPlatform {
  isolation: string;
  /** The environment the services run with (start more instances with it, plus DATABASE_SCHEMA). */
  env: Record<string, string>;
  gateway: RunningGateway;
  quota: RunningQuota;
  adminToken: string;
  admin(method: string, path: string, body?: unknown): Promise<Answer>;
  /** An organization, a project and a key, with a token budget policy of its own. */
  meteredKey(policy?: Record<string, unknown>): Promise<{ secret: string; keyId: string; projectId: string; policyId: string }>;
  /** The token budget's counter of a policy (used, held). */
  budget(policyId: string): Promise<{ used: number; held: number }>;
  /** A connection to one service's schema (closed with the platform). */
  database(service: Parameters<typeof schemaOf>[0]): Knex;
  stop(): Promise<void>;
}

export interface FaultPlatformOptions {
  /** Infrastructure addresses replacing the shared ones (KAFKA_BROKERS, REDIS_URL, DATABASE_URL, ...). */
  env?: Record<string, string>;
  /** Extra settings of the gateway only. */
  gatewayEnv?: Record<string, string>;
  logger: Logger;
}

/**
 * The whole accounting path in this process — registry, auth-key, analytics, quota, billing and a
 * gateway — on real infrastructure, isolated by schemas, Nacos group and topic namespace; the
 * demo model is priced (plan "default") so that every usage event becomes a ledger line.
 */
export async function startFaultPlatform(options: FaultPlatformOptions): Promise<FaultPlatform> {
  const isolation = uniqueId("fault");
  const env = serviceTestEnv(isolation, { SHUTDOWN_DRAIN_MS: "0", ...options.env });
  const bootstrapFile = join(mkdtempSync(join(tmpdir(), "llms-fault-")), "bootstrap-admin.json");
  const stops: Array<() => Promise<void>> = [];
  const databases = new Map<string, Knex>();
  const logger = options.logger;
  const began = Date.now();
  // One line per started service: on a loaded machine the start is most of the suite's time.
  const progress = (what: string) => console.log(`[fault-suite] ${what} after ${Date.now() - began} ms`);
  const registry: RunningModelRegistry = await startModelRegistry({ ...env, DATABASE_SCHEMA: schemaOf("registry", isolation) }, logger);
  stops.push(() => registry.stop());
  progress("model-registry ready");
  const authKey: RunningAuthKey = await startAuthKey({ ...env, DATABASE_SCHEMA: schemaOf("auth", isolation), BOOTSTRAP_ADMIN_FILE: bootstrapFile }, logger);
  stops.push(() => authKey.stop());
  progress("auth-key ready");
  const analytics: RunningAnalytics = await startAnalytics({ ...env, DATABASE_SCHEMA: schemaOf("analytics", isolation) }, logger);
  stops.push(() => analytics.stop());
  progress("analytics ready");
  const quota: RunningQuota = await startQuota({ ...env, DATABASE_SCHEMA: schemaOf("quota", isolation), QUOTA_REBUILD_CHECK_MS: "200" }, { logger });
  stops.push(() => quota.stop());
  progress("quota ready");
  const billing: RunningBilling = await startBilling(
    { ...env, DATABASE_SCHEMA: schemaOf("billing", isolation), BILLING_PENDING_RETRY_MS: "500", BILLING_MODEL_PLAN_CACHE_MS: "0" },
    { logger },
  );
  stops.push(() => billing.stop());
  progress("billing ready");
  // Bounded: a consumer that never joins its group (as kafkajs left one on a fresh broker) is a finding, not a hang.
  const consumers = Object.entries({ analytics: analytics.consuming, quota: quota.consuming, billing: billing.consuming });
  const joined = new Set<string>();
  for (const [name, consuming] of consumers) void consuming.then(() => joined.add(name));
  await waitFor(() => joined.size === consumers.length, { timeoutMs: 90_000, description: "the usage consumers of analytics, quota and billing to join their groups" });
  progress("usage consumers joined");
  const gateway = await startGateway({ ...env, DATABASE_SCHEMA: schemaOf("gateway", isolation), ...options.gatewayEnv }, logger);
  stops.push(() => gateway.stop());
  progress("gateway ready");
  const adminToken = (JSON.parse(readFileSync(bootstrapFile, "utf8")) as { admin_token: string }).admin_token;

  const admin = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const created = async (path: string, body: unknown) => {
    const answer = await admin("POST", path, body);
    if (answer.status !== 201) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  // The demo model's plan: without it billing holds usage as pending instead of writing ledger lines.
  await created("/admin/billing/plans", { id: "default", name: "Fault suite", currency: "USD", effective_from: "2026-01-01T00:00:00Z", rules: [{ prices: { input_per_million: 2_500_000, output_per_million: 10_000_000 } }] });

  return {
    isolation,
    env,
    gateway,
    quota,
    adminToken,
    admin,
    async meteredKey(policy = {}) {
      const organization = await created("/admin/organizations", { name: `org ${uniqueId()}` });
      const project = await created(`/admin/organizations/${String(organization.id)}/projects`, { name: "fault project" });
      const key = await created(`/admin/projects/${String(project.id)}/keys`, { name: "fault key" });
      const created_policy = await created("/admin/quota/policies", { scope: "key", scope_id: key.id, token_budget: { limit: 100_000_000, period: "day" }, fail_mode: "closed", ...policy });
      return { secret: String(key.key), keyId: String(key.id), projectId: String(project.id), policyId: String(created_policy.id) };
    },
    async budget(policyId) {
      const rows = (await admin("GET", `/admin/quota/policies/${policyId}/usage`)).body.data as Array<{ dimension: string; used: number; held: number }>;
      const row = rows.find((entry) => entry.dimension === "token_budget");
      if (!row) throw new Error(`no token budget counter for ${policyId}`);
      return { used: row.used, held: row.held };
    },
    database(service) {
      let db = databases.get(service);
      if (!db) {
        db = createDatabase({ url: env.DATABASE_URL!, schema: schemaOf(service, isolation), poolMax: 2 });
        databases.set(service, db);
      }
      return db;
    },
    async stop() {
      for (const db of databases.values()) await db.destroy();
      for (const stop of stops.reverse()) await stop().catch((error: unknown) => logger.warn({ err: error }, "stop failed"));
      rmSync(dirname(bootstrapFile), { recursive: true, force: true });
    },
  };
}
