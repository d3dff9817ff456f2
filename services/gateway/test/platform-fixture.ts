import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serviceTestEnv, uniqueId } from "@llm-serve/testkit";
import { startAnalytics, type RunningAnalytics } from "@llm-serve/analytics";
import { startAuthKey, type RunningAuthKey } from "@llm-serve/auth-key";
import { startModelRegistry, type RunningModelRegistry } from "@llm-serve/model-registry";
import { startQuota, type RunningQuota } from "@llm-serve/quota";
import { startGateway, type RunningGateway } from "../src/app.js";

export interface IssuedKey {
  secret: string;
  projectId: string;
  keyId: string;
}

export interface Platform {
  isolation: string;
  gateway: RunningGateway;
  /** The environment the services were started with (start more instances with it). */
  env: Record<string, string>;
  adminToken: string;
  /** Creates an organization, a project and an API key through the admin API, as an operator would. */
  createKey(body?: Record<string, unknown>): Promise<IssuedKey>;
  stop(): Promise<void>;
}

/**
 * The platform a client sees — registry, auth-key, quota, analytics and a gateway — in this process, on
 * the real infrastructure, isolated by its own schemas, Nacos group and topic namespace.
 */
export async function startPlatform(overrides: Record<string, string> = {}): Promise<Platform> {
  const isolation = uniqueId("e2e");
  const bootstrapFile = join(mkdtempSync(join(tmpdir(), "llms-e2e-")), "bootstrap-admin.json");
  const env = serviceTestEnv(isolation, overrides);
  const registry: RunningModelRegistry = await startModelRegistry({ ...env, DATABASE_SCHEMA: `mr_${isolation}` });
  const authKey: RunningAuthKey = await startAuthKey({ ...env, DATABASE_SCHEMA: `ak_${isolation}`, BOOTSTRAP_ADMIN_FILE: bootstrapFile });
  const analytics: RunningAnalytics = await startAnalytics({ ...env, DATABASE_SCHEMA: `an_${isolation}` });
  const quota: RunningQuota = await startQuota({ ...env, DATABASE_SCHEMA: `qt_${isolation}` });
  const gateway = await startGateway({ ...env, DATABASE_SCHEMA: `gw_${isolation}` });
  const adminToken = (JSON.parse(readFileSync(bootstrapFile, "utf8")) as { admin_token: string }).admin_token;

  const admin = async (path: string, body: unknown) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status !== 201) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  };

  return {
    isolation,
    gateway,
    env,
    adminToken,
    async createKey(body = {}) {
      const organization = await admin("/admin/organizations", { name: `org ${uniqueId()}` });
      const project = await admin(`/admin/organizations/${String(organization.id)}/projects`, { name: "e2e project" });
      const key = await admin(`/admin/projects/${String(project.id)}/keys`, { name: "e2e key", ...body });
      return { secret: String(key.key), projectId: String(project.id), keyId: String(key.id) };
    },
    async stop() {
      await gateway.stop();
      await quota.stop();
      await analytics.stop();
      await authKey.stop();
      await registry.stop();
    },
  };
}
