import { baseServiceEnv, databaseEnv } from "@llm-serve/common";
import { z } from "zod";

export const SERVICE_NAME = "billing";

export const configSchema = baseServiceEnv.extend(databaseEnv.shape).extend({
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50053),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9453),
  DATABASE_SCHEMA: z.string().default("billing"),
  /** How often ended cycles are closed into bills (0 = only on request). */
  BILLING_CLOSE_CHECK_MS: z.coerce.number().int().min(0).default(60_000),
  /** How often held usage is priced again (it is also tried at once when a plan changes). */
  BILLING_PENDING_RETRY_MS: z.coerce.number().int().min(0).default(30_000),
  /** How long a model's price_plan_id read from the registry is reused. */
  BILLING_MODEL_PLAN_CACHE_MS: z.coerce.number().int().min(0).default(5_000),
});
