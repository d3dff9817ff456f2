import { z } from "zod";

const port = z.coerce.number().int().min(0).max(65535);

/** Environment keys every service reads; services extend this with their own. */
export const baseServiceEnv = z.object({
  SERVICE_HOST: z.string().min(1).default("127.0.0.1"),
  GRPC_PORT: port,
  METRICS_PORT: port,
  SERVICE_VERSION: z.string().min(1).default("0.1.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  INSTANCE_WEIGHT: z.coerce.number().positive().max(100).default(1),
  NACOS_ADDR: z.url().default("http://127.0.0.1:8848"),
  NACOS_NAMESPACE: z.string().default(""),
  NACOS_GROUP: z.string().min(1).default("DEFAULT_GROUP"),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .default("127.0.0.1:9092")
    .transform((value) => value.split(",").map((broker) => broker.trim()).filter(Boolean)),
  /** After deregistering, keep serving this long so that clients' discovery moves away first. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(1_500),
  /** Prefix of Kafka topics and consumer groups; empty in production, unique per test run. */
  EVENT_NAMESPACE: z.string().default(""),
});

export const databaseEnv = z.object({
  DATABASE_URL: z.string().startsWith("postgres").default("postgres://llmserve:llmserve@127.0.0.1:5432/llmserve"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
});

export const redisEnv = z.object({
  REDIS_URL: z.string().startsWith("redis").default("redis://127.0.0.1:6379"),
});

export type BaseServiceEnv = z.infer<typeof baseServiceEnv>;
