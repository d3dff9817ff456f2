import type { alertsV1 } from "@llm-serve/proto";
import { z } from "zod";

/** An alert rule as the admin API answers it: the webhook secret never leaves, only whether one is set. */
export const alertRule = z
  .object({
    object: z.literal("alert_rule"),
    id: z.string(),
    org_id: z.string(),
    name: z.string(),
    kind: z.string(),
    model: z.string(),
    deployment: z.string(),
    service: z.string(),
    threshold: z.number(),
    window_seconds: z.number().int(),
    min_requests: z.number().int(),
    webhook_url: z.string(),
    webhook_secret_set: z.boolean(),
    enabled: z.boolean(),
    budget_micros: z.number().int(),
    currency: z.string(),
    period: z.string(),
    project_id: z.string(),
    key_id: z.string(),
    state: z.enum(["ok", "firing"]),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .strict();

export function alertRuleView(rule: alertsV1.AlertRule): z.infer<typeof alertRule> {
  return {
    object: "alert_rule",
    id: rule.id,
    org_id: rule.orgId,
    name: rule.name,
    kind: rule.kind,
    model: rule.model,
    deployment: rule.deployment,
    service: rule.service,
    threshold: rule.threshold,
    window_seconds: rule.windowSeconds,
    min_requests: rule.minRequests,
    webhook_url: rule.webhookUrl,
    webhook_secret_set: rule.webhookSecretSet,
    enabled: rule.enabled,
    budget_micros: rule.budgetMicros,
    currency: rule.currency,
    period: rule.period,
    project_id: rule.projectId,
    key_id: rule.keyId,
    state: rule.state === "firing" ? "firing" : "ok",
    created_at: new Date(rule.createdAtMs).toISOString(),
    updated_at: new Date(rule.updatedAtMs).toISOString(),
  };
}

/** One incident of a rule (its firing history): fired once, resolved once or still firing. */
export const alertIncident = z
  .object({
    object: z.literal("alert_incident"),
    id: z.string(),
    rule_id: z.string(),
    state: z.enum(["firing", "resolved"]),
    fired_value: z.number(),
    fired_at: z.string(),
    resolved_value: z.number().nullable(),
    resolved_at: z.string().nullable(),
  })
  .strict();

export function alertIncidentView(incident: alertsV1.AlertIncident): z.infer<typeof alertIncident> {
  const resolved = incident.resolvedAtMs > 0;
  return {
    object: "alert_incident",
    id: incident.id,
    rule_id: incident.ruleId,
    state: resolved ? "resolved" : "firing",
    fired_value: incident.firedValue,
    fired_at: new Date(incident.firedAtMs).toISOString(),
    resolved_value: resolved ? incident.resolvedValue : null,
    resolved_at: resolved ? new Date(incident.resolvedAtMs).toISOString() : null,
  };
}
