import { baseServiceEnv, databaseEnv } from "@llm-serve/common";
import { z } from "zod";

export const SERVICE_NAME = "analytics";

export const configSchema = baseServiceEnv.extend(databaseEnv.shape).extend({
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50056),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9456),
  DATABASE_SCHEMA: z.string().default("analytics"),
  // Days of invocation records kept (daily partitions older than that are dropped).
  ANALYTICS_RECORD_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Daily partitions created ahead of today.
  ANALYTICS_PARTITIONS_AHEAD_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  // Days of rollups kept per granularity (ADR 0028); each at most the next coarser one's.
  ANALYTICS_ROLLUP_MINUTE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  ANALYTICS_ROLLUP_HOUR_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  ANALYTICS_ROLLUP_DAY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(1100),
  // How often partitions are created ahead and old ones dropped (and rollups past their retention deleted).
  ANALYTICS_PARTITION_MAINTENANCE_MS: z.coerce.number().int().min(1_000).default(3_600_000),
});

export type AnalyticsConfig = z.infer<typeof configSchema>;
