import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { baseServiceEnv, databaseEnv, devModeEnv, refuseExampleSecrets } from "@llm-serve/common";
import { z } from "zod";

export const SERVICE_NAME = "auth-key";

const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../.data");

/**
 * `<repo>/.data/bootstrap-admin.json` for the platform's own schema (from src/ and dist/ alike).
 * Another schema (a test, a second deployment) gets its own file, so it never replaces the token
 * of the platform running on this machine.
 */
export function defaultBootstrapFile(schema: string): string {
  return resolve(DATA_DIR, schema === "auth_key" ? "bootstrap-admin.json" : `bootstrap-admin.${schema}.json`);
}

export const configSchema = baseServiceEnv
  .extend(databaseEnv.shape)
  .extend(devModeEnv.shape)
  .extend({
    GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50051),
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9451),
    DATABASE_SCHEMA: z.string().default("auth_key"),
    /** Server-side secret of the keyed hash of API keys. Never logged; no default. */
    KEY_PEPPER: z.string().min(32, "KEY_PEPPER must be at least 32 characters"),
    /** Where the first start writes the bootstrap admin token (mode 0600); see `defaultBootstrapFile`. */
    BOOTSTRAP_ADMIN_FILE: z.string().min(1).optional(),
    /** Named in the bootstrap file's instructions only. */
    GATEWAY_PUBLIC_URL: z.url().default("http://127.0.0.1:8080"),
    /** How long a rotated key's old secret keeps working when the caller names no grace period. */
    KEY_ROTATION_GRACE_SECONDS: z.coerce.number().int().min(0).default(86_400),
    KEY_ROTATION_GRACE_MAX_SECONDS: z.coerce.number().int().min(0).default(30 * 86_400),
  })
  // A published pepper would let anyone who reads the code recompute key hashes.
  .superRefine(refuseExampleSecrets(["KEY_PEPPER"]));

export type AuthKeyConfig = z.infer<typeof configSchema>;
