import type { alertsV1 } from "@llm-serve/proto";
import { z } from "zod";

/** An alert rule as the admin API takes it (ADR 0023); the analytics service checks it again. */
export const alertRuleSchema = z.strictObject({
  name: z.string().min(1).max(200),
  kind: z
    .enum(["error_rate", "latency_p99", "quota_exceeded", "model_status_error", "no_healthy_instance", "budget"])
    .describe("error_rate: percent of failed attempts; latency_p99: milliseconds; quota_exceeded: refusals in the window; model_status_error: the registry says the model or deployment is in error; no_healthy_instance: a service with none (platform admins); budget: percent of budget_micros spent in the current period (billing's ledger)."),
  model: z.string().default("").describe("The public model watched (empty: every model of the rule's scope)."),
  deployment: z.string().default("").describe("`<model>/<deployment>`: one deployment instead of a whole model."),
  service: z.string().default("").describe("The service a no_healthy_instance rule watches, e.g. `billing`."),
  threshold: z.number().min(0).default(0),
  window_seconds: z.number().int().min(1).max(86_400).default(300),
  min_requests: z.number().int().min(0).default(10).describe("Fewer samples in the window than this never fire an error_rate or latency_p99 rule."),
  webhook_url: z.url({ protocol: /^https?$/ }).or(z.literal("")).default(""),
  webhook_secret: z.string().min(16).max(512).optional().describe("Write-only: signs each delivery (HMAC-SHA256, header `llmserve-signature`). On update, absent keeps the stored one."),
  enabled: z.boolean().default(true),
  budget_micros: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).describe("budget: the budget in micro-units of `currency` per `period`; `threshold` is the percent of it whose spend fires."),
  currency: z.string().default("").describe("budget: ISO 4217 code of the ledger lines counted, e.g. USD."),
  period: z.enum(["", "day", "month"]).default("").describe("budget: the UTC calendar day or month the spend is summed over; a new period starts from zero."),
  project_id: z.string().default("").describe("budget: only this project's spend (it must belong to the rule's organization)."),
  key_id: z.string().default("").describe("budget: only this API key's spend (it must belong to the rule's organization)."),
  org_id: z.string().default("").describe("Platform admins: the organization the rule belongs to (empty: platform-wide). An org admin may only name its own."),
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
    budgetMicros: body.budget_micros,
    currency: body.currency,
    period: body.period,
    projectId: body.project_id,
    keyId: body.key_id,
  };
}
