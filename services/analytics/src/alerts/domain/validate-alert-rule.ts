import { isIP } from "node:net";
import { AppError } from "@llm-serve/common";
import { ALERT_KINDS, BUDGET_PERIODS, type AlertKind, type AlertRuleFields, type BudgetPeriod } from "./alert-rule.js";

export interface AlertRuleInput {
  name: string;
  kind: string;
  model: string;
  deployment: string;
  service: string;
  threshold: number;
  windowSeconds: number;
  minRequests: number;
  webhookUrl: string;
  webhookSecret: string;
  enabled: boolean;
  orgId: string;
  budgetMicros: number;
  currency: string;
  period: string;
  projectId: string;
  keyId: string;
}

/** A budget above this many micro-units (9e15) could not be compared exactly in a double. */
const MAX_BUDGET_MICROS = Number.MAX_SAFE_INTEGER;

const MAX_WINDOW_SECONDS = 86_400;

function invalid(param: string, message: string): AppError {
  return new AppError("invalid_request", `${param}: ${message}`, { details: { param } });
}

/**
 * Checks a rule as the evaluator will read it. An org-scoped caller's rules always belong to its
 * org (whatever `orgId` it sent); only platform admins write platform-wide rules, and only they
 * watch services (a service is shared by every org).
 */
export function validateAlertRule(input: AlertRuleInput, scope: string): AlertRuleFields {
  if (!input.name.trim() || input.name.length > 200) throw invalid("name", "a name of 1 to 200 characters is required");
  if (!(ALERT_KINDS as readonly string[]).includes(input.kind)) throw invalid("kind", `one of ${ALERT_KINDS.join(", ")}`);
  const kind = input.kind as AlertKind;
  if (!Number.isFinite(input.threshold) || input.threshold < 0) throw invalid("threshold", "a number of at least 0 is required");
  if (kind === "error_rate" && input.threshold > 100) throw invalid("threshold", "an error rate is a percent, 0 to 100");
  if (!Number.isInteger(input.windowSeconds) || input.windowSeconds < 1 || input.windowSeconds > MAX_WINDOW_SECONDS) throw invalid("window_seconds", `1 to ${MAX_WINDOW_SECONDS}`);
  if (!Number.isInteger(input.minRequests) || input.minRequests < 0) throw invalid("min_requests", "an integer of at least 0");
  if (input.deployment && !/^[^/]+\/[^/]+$/.test(input.deployment)) throw invalid("deployment", "`<model>/<deployment>`");
  if (kind === "model_status_error" && !input.model && !input.deployment) throw invalid("model", "the model (or deployment) a model_status_error rule watches is required");
  if (kind === "no_healthy_instance") {
    if (!input.service) throw invalid("service", "the service a no_healthy_instance rule watches is required");
    if (scope) throw new AppError("permission_denied", "Only platform admins watch services.");
  } else if (input.service) throw invalid("service", `only no_healthy_instance rules watch a service`);
  const budget = validateBudget(input, kind, scope || input.orgId);
  validateWebhookUrl(input.webhookUrl, scope !== "");
  return {
    ...budget,
    orgId: scope || input.orgId,
    name: input.name.trim(),
    kind,
    model: input.deployment ? input.deployment.split("/")[0]! : input.model,
    deployment: input.deployment,
    service: input.service,
    threshold: input.threshold,
    windowSeconds: input.windowSeconds,
    minRequests: input.minRequests,
    webhookUrl: input.webhookUrl,
    enabled: input.enabled,
  };
}

/**
 * A budget rule (ADR 0028): spend from billing's ledger in one currency over the current UTC day or
 * month, of an organization (required: a budget is a tenant's), narrowed to a project or a key.
 */
function validateBudget(input: AlertRuleInput, kind: AlertKind, orgId: string): Pick<AlertRuleFields, "budgetMicros" | "currency" | "period" | "projectId" | "keyId"> {
  if (kind !== "budget") {
    for (const [param, value] of [["budget_micros", input.budgetMicros], ["currency", input.currency], ["period", input.period], ["project_id", input.projectId], ["key_id", input.keyId]] as const) {
      if (value) throw invalid(param, "only budget rules have one");
    }
    return { budgetMicros: 0, currency: "", period: "", projectId: "", keyId: "" };
  }
  if (!orgId) throw invalid("org_id", "a budget rule belongs to an organization");
  if (!Number.isSafeInteger(input.budgetMicros) || input.budgetMicros < 1 || input.budgetMicros > MAX_BUDGET_MICROS) throw invalid("budget_micros", "a whole number of micro-units of at least 1");
  if (!(input.threshold > 0 && input.threshold <= 1_000)) throw invalid("threshold", "a budget threshold is a percent of the budget, above 0 and at most 1000");
  if (!/^[A-Z]{3}$/.test(input.currency)) throw invalid("currency", "an ISO 4217 code such as USD");
  if (!(BUDGET_PERIODS as readonly string[]).includes(input.period)) throw invalid("period", `one of ${BUDGET_PERIODS.join(", ")}`);
  if (input.projectId && input.keyId) throw invalid("key_id", "narrow a budget to a project or to a key, not both");
  return { budgetMicros: input.budgetMicros, currency: input.currency, period: input.period as BudgetPeriod, projectId: input.projectId, keyId: input.keyId };
}

/**
 * Tenants' webhooks leave the platform: https only, and never to a loopback, private or link-local
 * address written as such (the analytics service must not become a way into the internal network).
 * Platform admins may point webhooks anywhere, e.g. an internal incident tool. A host name that
 * resolves to a private address is not caught here (see ADR 0023).
 */
function validateWebhookUrl(url: string, tenant: boolean): void {
  if (url === "") return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid("webhook_url", "an absolute http(s) URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw invalid("webhook_url", "an absolute http(s) URL");
  if (parsed.username || parsed.password) throw invalid("webhook_url", "credentials go in webhook_secret, never in the URL");
  if (!tenant) return;
  if (parsed.protocol !== "https:") throw invalid("webhook_url", "an https URL (only platform admins may use http)");
  if (isInternalHost(parsed.hostname)) throw invalid("webhook_url", "a public host (not localhost, a private or a link-local address)");
}

function isInternalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) return true;
  if (isIP(host) === 4) {
    const [a = 0, b = 0] = host.split(".").map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (isIP(host) === 6) return host === "::1" || host === "::" || host.startsWith("fc") || host.startsWith("fd") || host.startsWith("fe80") || host.startsWith("::ffff:");
  return false;
}
