import { createHmac, randomBytes } from "node:crypto";
import { createDatabase } from "@llm-serve/common";
import { INFRA, serviceTestEnv, uniqueId } from "@llm-serve/testkit";
import { startAnalytics, type RunningAnalytics } from "@llm-serve/analytics";
import { startAuthKey, type RunningAuthKey } from "@llm-serve/auth-key";
import { startModelRegistry, type RunningModelRegistry } from "@llm-serve/model-registry";
import { startGateway, type RunningGateway } from "../src/app.js";

export interface Platform {
  isolation: string;
  gateway: RunningGateway;
  env: Record<string, string>;
  /** Creates an API key for a fresh project and returns its secret. */
  createKey(options?: { projectId?: string; allowedModels?: string[] }): Promise<string>;
  stop(): Promise<void>;
}

const PEPPER = "test-pepper-0123456789abcdef0123456789abcdef";

/**
 * The platform a client sees — registry, auth-key, analytics and a gateway — in this process, on
 * the real infrastructure, isolated by its own schemas, Nacos group and topic namespace.
 */
export async function startPlatform(overrides: Record<string, string> = {}): Promise<Platform> {
  const isolation = uniqueId("e2e");
  const env = serviceTestEnv(isolation, { KEY_PEPPER: PEPPER, ...overrides });
  const registry: RunningModelRegistry = await startModelRegistry({ ...env, DATABASE_SCHEMA: `mr_${isolation}` });
  const authKey: RunningAuthKey = await startAuthKey({ ...env, DATABASE_SCHEMA: `ak_${isolation}` });
  const analytics: RunningAnalytics = await startAnalytics({ ...env, DATABASE_SCHEMA: `an_${isolation}` });
  const gateway = await startGateway({ ...env, DATABASE_SCHEMA: `gw_${isolation}` });
  const db = createDatabase({ url: INFRA.databaseUrl, schema: `ak_${isolation}`, poolMax: 2 });
  return {
    isolation,
    gateway,
    env,
    // Until the auth-key admin API lands, keys are provisioned in its store the way it stores them.
    async createKey(options = {}) {
      const key = `sk-llms-${randomBytes(24).toString("base64url")}`;
      await db("api_keys").insert({
        id: uniqueId("key_"),
        project_id: options.projectId ?? uniqueId("proj_"),
        org_id: "org_e2e",
        key_hash: createHmac("sha256", PEPPER).update(key).digest(),
        display_prefix: key.slice(0, 12),
        last_four: key.slice(-4),
        allowed_models: options.allowedModels ?? [],
      });
      return key;
    },
    async stop() {
      await db.destroy();
      await gateway.stop();
      await analytics.stop();
      await authKey.stop();
      await registry.stop();
    },
  };
}
