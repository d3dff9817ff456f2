/** What a rule watches (ADR 0023). Units of `threshold`: percent, milliseconds, a count, none. */
export const ALERT_KINDS = ["error_rate", "latency_p99", "quota_exceeded", "model_status_error", "no_healthy_instance"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertRule {
  id: string;
  /** Empty for a platform-wide rule. */
  orgId: string;
  name: string;
  kind: AlertKind;
  model: string;
  /** `<model>/<deployment>` */
  deployment: string;
  service: string;
  threshold: number;
  windowSeconds: number;
  minRequests: number;
  webhookUrl: string;
  webhookSecretSealed: string | null;
  enabled: boolean;
  state: "ok" | "firing";
  createdAt: Date;
  updatedAt: Date;
}

export type AlertRuleFields = Omit<AlertRule, "id" | "state" | "createdAt" | "updatedAt" | "webhookSecretSealed">;

/** `model:<id>`, `deployment:<model>/<id>`, `service:<name>` or `all`: what an alert is about. */
export function targetOf(rule: Pick<AlertRule, "model" | "deployment" | "service">): string {
  if (rule.deployment) return `deployment:${rule.deployment}`;
  if (rule.model) return `model:${rule.model}`;
  if (rule.service) return `service:${rule.service}`;
  return "all";
}
