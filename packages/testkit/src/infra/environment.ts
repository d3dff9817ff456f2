import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (testkit lives at packages/testkit/{src,dist}/infra). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Addresses of the shared infrastructure started by deploy/local/infra.sh. */
export const INFRA = {
  databaseUrl: process.env.DATABASE_URL ?? "postgres://llmserve:llmserve@127.0.0.1:5432/llmserve",
  redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  kafkaBrokers: process.env.KAFKA_BROKERS ?? "127.0.0.1:9092",
  nacosAddr: process.env.NACOS_ADDR ?? "http://127.0.0.1:8848",
};

/** A short, lower-case id that is safe in schema names, topics, groups and key prefixes. */
export function uniqueId(prefix = "t"): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

/**
 * Environment for services under test: the real infrastructure, with everything that could collide
 * isolated per test file — Nacos group, Kafka topic/group namespace, Postgres schema, free ports.
 */
export function serviceTestEnv(isolation: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    SERVICE_HOST: "127.0.0.1",
    GRPC_PORT: "0",
    METRICS_PORT: "0",
    HTTP_PORT: "0",
    LOG_LEVEL: "warn",
    DATABASE_URL: INFRA.databaseUrl,
    REDIS_URL: INFRA.redisUrl,
    KAFKA_BROKERS: INFRA.kafkaBrokers,
    NACOS_ADDR: INFRA.nacosAddr,
    NACOS_GROUP: isolation,
    EVENT_NAMESPACE: isolation,
    SHUTDOWN_DRAIN_MS: "0",
    // The secrets below are published with the code: services accept them only in dev mode.
    LLMSERVE_DEV_MODE: "1",
    KEY_PEPPER: "test-pepper-0123456789abcdef0123456789abcdef",
    // base64 of 32 bytes: encrypts vendor credentials at rest in the model registry.
    SECRETS_KEY: Buffer.alloc(32, 7).toString("base64"),
    // In-process auth-key instances write their bootstrap admin here, never into the platform's .data.
    BOOTSTRAP_ADMIN_FILE: resolve(tmpdir(), `llms-bootstrap-${isolation}.json`),
    ...overrides,
  };
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  description?: string;
}

/** Polls until `condition` returns a truthy value (never sleeps a fixed time to "let things settle"). */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolveTimer) => setTimeout(resolveTimer, options.intervalMs ?? 100));
  }
  const suffix = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
  throw new Error(`timed out waiting for ${options.description ?? "condition"}${suffix}`);
}
