import { baseServiceEnv, databaseEnv } from "@llm-serve/common";
import { z } from "zod";

export const SERVICE_NAME = "model-registry";

export const configSchema = baseServiceEnv.extend(databaseEnv.shape).extend({
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50054),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9454),
  DATABASE_SCHEMA: z.string().default("model_registry"),
  /** base64 of 32 bytes: the AES-256-GCM key that seals vendor credentials at rest. */
  SECRETS_KEY: z.string().refine((value) => Buffer.from(value, "base64").length === 32, "must be the base64 of exactly 32 bytes"),
  /** How often every deployment is probed against its vendor; 0 turns periodic probes off. */
  HEALTH_PROBE_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** Longest a single adapter initialisation (validate) may take. */
  VALIDATE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type ModelRegistryConfig = z.infer<typeof configSchema>;
