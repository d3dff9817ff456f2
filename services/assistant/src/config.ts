import { baseServiceEnv, databaseEnv } from "@llm-serve/common";
import { z } from "zod";

export const SERVICE_NAME = "assistant";

export const configSchema = baseServiceEnv.extend(databaseEnv.shape).extend({
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50055),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9455),
  DATABASE_SCHEMA: z.string().default("assistant"),
  /** How long one model call of a run may take (through the gateway, failover included). */
  // At most 5 minutes: below the 6-minute lease of a run (run-executor.ts), or a slow call could be resumed twice.
  ASSISTANT_MODEL_CALL_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(300_000),
  /** How long a run waits for tool outputs before it expires (OpenAI: 10 minutes). */
  ASSISTANT_RUN_EXPIRY_SECONDS: z.coerce.number().int().min(1).default(600),
  /** How often runs abandoned by a stopped instance are looked for (also once at start). */
  ASSISTANT_RESUME_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
});
