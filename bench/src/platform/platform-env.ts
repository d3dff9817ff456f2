import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { serviceTestEnv } from "@llm-serve/testkit";

/** Schemas of the services the runner starts, one per service and run. */
export function schemasOf(isolation: string) {
  return {
    "auth-key": `ak_${isolation}`,
    "model-registry": `mr_${isolation}`,
    quota: `qt_${isolation}`,
    billing: `bl_${isolation}`,
    analytics: `an_${isolation}`,
    assistant: `as_${isolation}`,
    gateway: `gw_${isolation}`,
  } as const;
}

/** Quota that is enforced on every request (Redis scripts run) but never refuses one. */
const GENEROUS_DEFAULT_POLICIES = JSON.stringify([{ scope: "key", requests_per_minute: 1_000_000_000, tokens_per_minute: 1_000_000_000_000, fail_mode: "open" }]);

/**
 * The environment shared by the platform the runner starts: the real infrastructure, isolated from
 * the platform that `deploy/local/up.sh` runs (and from tests) by its own Nacos group, topic
 * namespace (from which the services derive their Redis key prefixes), schemas and ports; secrets
 * made up for this run.
 */
export function platformEnv(isolation: string, runDirectory: string, gatewayUrl: string): Record<string, string> {
  return {
    ...serviceTestEnv(isolation),
    // Production's default level: the canonical per-request line is part of the measured cost.
    LOG_LEVEL: "info",
    KEY_PEPPER: randomBytes(32).toString("base64url"),
    SECRETS_KEY: randomBytes(32).toString("base64"),
    // No periodic probes of the deployment: they would be traffic the figures do not account for.
    HEALTH_PROBE_INTERVAL_MS: "0",
    BOOTSTRAP_ADMIN_FILE: join(runDirectory, "bootstrap-admin.json"),
    GATEWAY_PUBLIC_URL: gatewayUrl,
    QUOTA_DEFAULT_POLICIES: GENEROUS_DEFAULT_POLICIES,
  };
}
