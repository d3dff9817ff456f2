import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { loadConfig, type Environment } from "@llm-serve/common";
import { z } from "zod";

/** The spool's own settings, read by the usage module from the environment. */
const spoolSchema = z.object({
  /** Where the usage backlog is spooled (shared by the gateway processes of a host: each writes its own file). */
  GATEWAY_USAGE_SPOOL_DIR: z.string().min(1).default(".data/gateway-usage-spool"),
  /** Spool size beyond which the gateway answers 503 to new work. */
  GATEWAY_USAGE_SPOOL_MAX_BYTES: z.coerce.number().int().min(1_024).default(256 * 1024 * 1024),
});

export interface UsageSpoolSettings {
  /** A folder per database and schema: a spool is only ever replayed into the outbox it was meant for. */
  directory: string;
  maxBytes: number;
}

export function usageSpoolSettings(env: Environment, databaseUrl: string, schema: string): UsageSpoolSettings {
  const settings = loadConfig(spoolSchema, env);
  const url = new URL(databaseUrl);
  // Host, port and database name only: the password never reaches a file name.
  const database = createHash("sha256").update(`${url.hostname}:${url.port}${url.pathname}`).digest("hex").slice(0, 8);
  return { directory: join(resolve(settings.GATEWAY_USAGE_SPOOL_DIR), `${schema}-${database}`), maxBytes: settings.GATEWAY_USAGE_SPOOL_MAX_BYTES };
}
