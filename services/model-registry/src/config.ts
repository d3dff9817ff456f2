import { baseServiceEnv, databaseEnv, devModeEnv, refuseExampleSecrets } from "@llm-serve/common";
import { z } from "zod";

export const SERVICE_NAME = "model-registry";

const secretsKey = z.string().refine((value) => Buffer.from(value, "base64").length === 32, "must be the base64 of exactly 32 bytes");

export const configSchema = baseServiceEnv
  .extend(databaseEnv.shape)
  .extend(devModeEnv.shape)
  .extend({
    GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50054),
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9454),
    DATABASE_SCHEMA: z.string().default("model_registry"),
    /** base64 of 32 bytes: the AES-256-GCM key that seals vendor credentials at rest. */
    SECRETS_KEY: secretsKey,
    /**
     * Keys SECRETS_KEY replaced (comma-separated, same format): still accepted for opening credentials
     * sealed under them, until `pnpm --filter @llm-serve/model-registry reencrypt-secrets` has resealed
     * every one under SECRETS_KEY (ADR 0015).
     */
    SECRETS_KEY_PREVIOUS: z
      .string()
      .default("")
      .transform((value) => value.split(",").map((key) => key.trim()).filter((key) => key !== ""))
      .pipe(z.array(secretsKey)),
    /** How often every deployment is probed against its vendor; 0 turns periodic probes off. */
    HEALTH_PROBE_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
    /** Longest a single adapter initialisation (validate) may take. */
    VALIDATE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  })
  // A published key would let anyone who reads the code open the stored vendor credentials.
  .superRefine(refuseExampleSecrets(["SECRETS_KEY"]));

export type ModelRegistryConfig = z.infer<typeof configSchema>;
