import type { Environment } from "@llm-serve/common";
import { z } from "zod";

const secretsKey = z.string().refine((value) => Buffer.from(value, "base64").length === 32, "must be the base64 of exactly 32 bytes");

/** The alerting settings of the analytics service (its own keys, read once by the composition root). */
export const alertConfigSchema = z.object({
  /** How often every analytics instance evaluates every enabled rule; 0 turns evaluation off. */
  ALERT_EVALUATION_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  /** How often due webhook deliveries are sent (and retried). */
  ALERT_WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1_000),
  ALERT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  ALERT_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  ALERT_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(2_000),
  /** Seals webhook signing secrets at rest (AES-256-GCM, ADR 0015's secret box); without it, rules cannot have one. */
  SECRETS_KEY: secretsKey.optional(),
});

export type AlertConfig = z.infer<typeof alertConfigSchema>;

export function loadAlertConfig(env: Environment): AlertConfig {
  const result = alertConfigSchema.safeParse(env);
  if (!result.success) throw new Error(`invalid alerting config: ${result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
  return result.data;
}
