import { baseServiceEnv, databaseEnv } from "@llm-serve/common";
import { z } from "zod";

export const SERVICE_NAME = "model-registry";

export const configSchema = baseServiceEnv.extend(databaseEnv.shape).extend({
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50054),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9454),
  DATABASE_SCHEMA: z.string().default("model_registry"),
});

export type ModelRegistryConfig = z.infer<typeof configSchema>;
