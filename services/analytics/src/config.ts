import { baseServiceEnv, databaseEnv } from "@llm-serve/common";
import { z } from "zod";

export const SERVICE_NAME = "analytics";

export const configSchema = baseServiceEnv.extend(databaseEnv.shape).extend({
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50056),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9456),
  DATABASE_SCHEMA: z.string().default("analytics"),
  // Days of invocation records kept (daily partitions older than that are dropped; rollups stay).
  ANALYTICS_RECORD_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Daily partitions created ahead of today.
  ANALYTICS_PARTITIONS_AHEAD_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  // How often partitions are created ahead and old ones dropped.
  ANALYTICS_PARTITION_MAINTENANCE_MS: z.coerce.number().int().min(1_000).default(3_600_000),
});

export type AnalyticsConfig = z.infer<typeof configSchema>;
