import { baseServiceEnv, databaseEnv } from "@llm-serve/common";
import { z } from "zod";

export const SERVICE_NAME = "auth-key";

export const configSchema = baseServiceEnv.extend(databaseEnv.shape).extend({
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50051),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9451),
  DATABASE_SCHEMA: z.string().default("auth_key"),
  /** Server-side secret of the keyed hash of API keys. Never logged; no default. */
  KEY_PEPPER: z.string().min(32, "KEY_PEPPER must be at least 32 characters"),
});
