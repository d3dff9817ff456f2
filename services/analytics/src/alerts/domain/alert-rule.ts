/** What a rule watches (ADR 0023, budget: ADR 0028). Units of `threshold`: percent, milliseconds, a count, none, percent of the budget. */
export const ALERT_KINDS = ["error_rate", "latency_p99", "quota_exceeded", "model_status_error", "no_healthy_instance", "budget"] as const;
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
  /** kind budget: micro-units of `currency` per `period` (UTC calendar day or month), narrowed to a project or key. */
  budgetMicros: number;
  currency: string;
  period: BudgetPeriod;
  projectId: string;
  keyId: string;
  state: "ok" | "firing";
  createdAt: Date;
  updatedAt: Date;
}

export const BUDGET_PERIODS = ["day", "month"] as const;
/** "" for every kind but budget. */
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number] | "";

export type AlertRuleFields = Omit<AlertRule, "id" | "state" | "createdAt" | "updatedAt" | "webhookSecretSealed">;

/** `key:<id>`, `project:<id>`, `model:<id>`, `deployment:<model>/<id>`, `service:<name>` or `all`: what an alert is about. */
export function targetOf(rule: Pick<AlertRule, "model" | "deployment" | "service" | "projectId" | "keyId">): string {
  if (rule.keyId) return `key:${rule.keyId}`;
  if (rule.projectId) return `project:${rule.projectId}`;
  if (rule.deployment) return `deployment:${rule.deployment}`;
  if (rule.model) return `model:${rule.model}`;
  if (rule.service) return `service:${rule.service}`;
  return "all";
}
