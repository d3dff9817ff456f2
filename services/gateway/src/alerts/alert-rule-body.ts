import type { alertsV1 } from "@llm-serve/proto";
import { z } from "zod";

/** An alert rule as the admin API takes it (ADR 0023); the analytics service checks it again. */
export const alertRuleSchema = z.strictObject({
  name: z.string().min(1).max(200),
  kind: z
    .enum(["error_rate", "latency_p99", "quota_exceeded", "model_status_error", "no_healthy_instance"])
    .describe("error_rate: percent of failed attempts; latency_p99: milliseconds; quota_exceeded: refusals in the window; model_status_error: the registry says the model or deployment is in error; no_healthy_instance: a service with none (platform admins)."),
  model: z.string().default("").describe("The public model watched (empty: every model of the rule's scope)."),
  deployment: z.string().default("").describe("`<model>/<deployment>`: one deployment instead of a whole model."),
  service: z.string().default("").describe("The service a no_healthy_instance rule watches, e.g. `billing`."),
  threshold: z.number().min(0).default(0),
  window_seconds: z.number().int().min(1).max(86_400).default(300),
  min_requests: z.number().int().min(0).default(10).describe("Fewer samples in the window than this never fire an error_rate or latency_p99 rule."),
  webhook_url: z.url({ protocol: /^https?$/ }).or(z.literal("")).default(""),
  webhook_secret: z.string().min(16).max(512).optional().describe("Write-only: signs each delivery (HMAC-SHA256, header `llmserve-signature`). On update, absent keeps the stored one."),
  enabled: z.boolean().default(true),
  org_id: z.string().default("").describe("Platform admins: the organization the rule belongs to (empty: platform-wide). Ignored for org admins (always their own)."),
});

export type AlertRuleBody = z.output<typeof alertRuleSchema>;

export function alertRuleToProto(body: AlertRuleBody): alertsV1.AlertRuleInput {
  return {
    name: body.name,
    kind: body.kind,
    model: body.model,
    deployment: body.deployment,
    service: body.service,
    threshold: body.threshold,
    windowSeconds: body.window_seconds,
    minRequests: body.min_requests,
    webhookUrl: body.webhook_url,
    webhookSecret: body.webhook_secret ?? "",
    enabled: body.enabled,
    orgId: body.org_id,
  };
}
