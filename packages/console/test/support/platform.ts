import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAnalytics } from "@llm-serve/analytics";
import { startAuthKey } from "@llm-serve/auth-key";
import { startBilling } from "@llm-serve/billing";
import { startGateway, type RunningGateway } from "@llm-serve/gateway";
import { startModelRegistry } from "@llm-serve/model-registry";
import { startQuota } from "@llm-serve/quota";
import { serviceTestEnv, uniqueId } from "@llm-serve/testkit";

export interface ConsolePlatform {
  gateway: RunningGateway;
  adminToken: string;
  /** Moves billing's clock (only billing's: cycles close by it) this many milliseconds ahead. */
  advanceBillingClock(milliseconds: number): void;
  stop(): Promise<void>;
}

/**
 * Registry, auth-key, quota, analytics, billing and a gateway serving the built console, in this
 * process on the real infrastructure, isolated by their own schemas, Nacos group and topic namespace.
 */
export async function startConsolePlatform(consoleDir: string): Promise<ConsolePlatform> {
  const isolation = uniqueId("console");
  const bootstrapFile = join(mkdtempSync(join(tmpdir(), "llms-console-")), "bootstrap-admin.json");
  const env = serviceTestEnv(isolation, { GATEWAY_CONSOLE_DIR: consoleDir, HEALTH_PROBE_INTERVAL_MS: "0", GATEWAY_MONITOR_INTERVAL_MS: "500" });
  let billingOffset = 0;
  const registry = await startModelRegistry({ ...env, DATABASE_SCHEMA: `mr_${isolation}` });
  const authKey = await startAuthKey({ ...env, DATABASE_SCHEMA: `ak_${isolation}`, BOOTSTRAP_ADMIN_FILE: bootstrapFile });
  const analytics = await startAnalytics({ ...env, DATABASE_SCHEMA: `an_${isolation}` });
  const quota = await startQuota({ ...env, DATABASE_SCHEMA: `qt_${isolation}` });
  const billing = await startBilling(
    { ...env, DATABASE_SCHEMA: `bl_${isolation}`, BILLING_CLOSE_CHECK_MS: "0", BILLING_PENDING_RETRY_MS: "0", BILLING_MODEL_PLAN_CACHE_MS: "0" },
    { clock: () => Date.now() + billingOffset },
  );
  await billing.consuming;
  const gateway = await startGateway({ ...env, DATABASE_SCHEMA: `gw_${isolation}` });
  const adminToken = (JSON.parse(readFileSync(bootstrapFile, "utf8")) as { admin_token: string }).admin_token;
  return {
    gateway,
    adminToken,
    advanceBillingClock(milliseconds) {
      billingOffset += milliseconds;
    },
    async stop() {
      for (const service of [gateway, billing, quota, analytics, authKey, registry]) await service.stop();
    },
  };
}
