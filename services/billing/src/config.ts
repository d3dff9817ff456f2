import { baseServiceEnv, databaseEnv } from "@llm-serve/common";
import { z } from "zod";

export const SERVICE_NAME = "billing";

export const configSchema = baseServiceEnv.extend(databaseEnv.shape).extend({
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50053),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9453),
  DATABASE_SCHEMA: z.string().default("billing"),
});
