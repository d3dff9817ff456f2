import { fileURLToPath } from "node:url";
import { loadConfig, redisEnv, type Environment } from "@llm-serve/common";
import { z } from "zod";

/** The console's own environment keys (ADR 0033), validated when the gateway starts. */
export const consoleSettingsSchema = redisEnv.extend({
  EVENT_NAMESPACE: z.string().default(""),
  AUTH_REDIS_PREFIX: z.string().optional(),
  /** How long a console session lasts after sign-in (it never outlives the admin token it seals). */
  GATEWAY_CONSOLE_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(28_800),
  /** The built console (packages/console/dist); empty: the one next to this checkout. */
  GATEWAY_CONSOLE_DIR: z.string().default(""),
});

export interface ConsoleSettings {
  redisUrl: string;
  redisPrefix: string;
  sessionTtlSeconds: number;
  consoleDir: string;
}

export function loadConsoleSettings(env: Environment): ConsoleSettings {
  const settings = loadConfig(consoleSettingsSchema, env);
  const authPrefix = settings.AUTH_REDIS_PREFIX ?? `${settings.EVENT_NAMESPACE || "llmserve"}:gateway:auth:`;
  return {
    redisUrl: settings.REDIS_URL,
    redisPrefix: `${authPrefix}console:`,
    sessionTtlSeconds: settings.GATEWAY_CONSOLE_SESSION_TTL_SECONDS,
    // src/console and dist/console sit at the same depth below services/gateway.
    consoleDir: settings.GATEWAY_CONSOLE_DIR || fileURLToPath(new URL("../../../../packages/console/dist", import.meta.url)),
  };
}
