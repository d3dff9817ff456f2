import { loadConfig, type Environment } from "@llm-serve/common";
import { z } from "zod";

/** Tuning of request-path routing; read once at start, from the gateway's environment. */
export const routingConfigSchema = z.object({
  /** How long an open circuit keeps a deployment out before a half-open probe. */
  ROUTING_CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Failure share (percent) in the rolling 10 s window that opens a deployment's circuit. */
  ROUTING_CIRCUIT_ERROR_PERCENT: z.coerce.number().min(1).max(100).default(50),
  /** Attempts in the window before the failure share counts. */
  ROUTING_CIRCUIT_MIN_REQUESTS: z.coerce.number().int().min(1).max(10_000).default(5),
  /** Retries allowed as a share of requests over 10 s. */
  ROUTING_RETRY_BUDGET_RATIO: z.coerce.number().min(0).max(10).default(0.2),
  /** Retries always allowed per second, whatever the traffic. */
  ROUTING_RETRY_MIN_PER_SECOND: z.coerce.number().min(0).max(10_000).default(5),
});

export type RoutingConfig = z.infer<typeof routingConfigSchema>;

export function loadRoutingConfig(env: Environment): RoutingConfig {
  return loadConfig(routingConfigSchema, env);
}
