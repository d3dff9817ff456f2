import { baseServiceEnv, databaseEnv, redisEnv } from "@llm-serve/common";
import { z } from "zod";

export const SERVICE_NAME = "quota";

export const configSchema = baseServiceEnv.extend(databaseEnv.shape).extend(redisEnv.shape).extend({
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50052),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9452),
  DATABASE_SCHEMA: z.string().default("quota"),
  REDIS_KEY_PREFIX: z.string().default("llms:quota:"),
});
