import type { Knex, ListOrder } from "@llm-serve/common";
import type { AlertKind, AlertRule, BudgetPeriod } from "../domain/alert-rule.js";

interface RuleRow {
  id: string;
  org_id: string;
  name: string;
  kind: string;
  model: string;
  deployment: string;
  service: string;
  threshold: number;
  window_seconds: number;
  min_requests: number;
  webhook_url: string;
  webhook_secret_sealed: string | null;
  enabled: boolean;
  budget_micros: string;
  currency: string;
  period: string;
  project_id: string;
  key_id: string;
  created_at: Date;
  updated_at: Date;
  firing: boolean;
}

/** An org scope: empty = every rule (platform admins); otherwise that organization's rules only. */
export type OrgScope = string;

/** The alert rules: the only code that sees their SQL. */
export class AlertRuleStore {
  constructor(private readonly db: Knex) {}

  async insert(rule: Omit<AlertRule, "state" | "createdAt" | "updatedAt">): Promise<void> {
    await this.db("alert_rules").insert(toRow(rule));
  }

  async update(id: string, scope: OrgScope, rule: Omit<AlertRule, "id" | "state" | "createdAt" | "updatedAt">): Promise<boolean> {
    const count = await this.#scoped(scope).where({ id }).update({ ...toRow({ ...rule, id }), updated_at: this.db.fn.now() });
    return count > 0;
  }

  async find(id: string, scope: OrgScope): Promise<AlertRule | undefined> {
    const row = await this.#selectRules(this.#scoped(scope).where("r.id", id)).first();
    return row ? fromRow(row as RuleRow) : undefined;
  }

  /** A page of rules by id in `order`, after the rule `after` in that order (one more row fetched to know whether more follow). */
  async list(scope: OrgScope, limit: number, after: string, order: ListOrder = "asc"): Promise<{ rules: AlertRule[]; hasMore: boolean }> {
    let query = this.#selectRules(this.#scoped(scope)).orderBy("r.id", order).limit(limit + 1);
    if (after) query = query.where("r.id", order === "asc" ? ">" : "<", after);
    const rows = (await query) as RuleRow[];
    return { rules: rows.slice(0, limit).map(fromRow), hasMore: rows.length > limit };
  }

  async delete(id: string, scope: OrgScope): Promise<boolean> {
    return (await this.#scoped(scope).where({ id }).delete()) > 0;
  }

  async enabled(): Promise<AlertRule[]> {
    return ((await this.#selectRules(this.db("alert_rules as r").where("r.enabled", true))) as RuleRow[]).map(fromRow);
  }

  #scoped(scope: OrgScope) {
    const query = this.db("alert_rules as r");
    return scope ? query.where("r.org_id", scope) : query;
  }

  #selectRules(query: Knex.QueryBuilder) {
    return query.select("r.*", this.db.raw(`exists (select 1 from alert_incidents i where i.rule_id = r.id and i.state = 'firing') as firing`));
  }
}

function toRow(rule: Omit<AlertRule, "state" | "createdAt" | "updatedAt">) {
  return {
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
    webhook_secret_sealed: rule.webhookSecretSealed,
    enabled: rule.enabled,
    budget_micros: rule.budgetMicros,
    currency: rule.currency,
    period: rule.period,
    project_id: rule.projectId,
    key_id: rule.keyId,
  };
}

function fromRow(row: RuleRow): AlertRule {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    kind: row.kind as AlertKind,
    model: row.model,
    deployment: row.deployment,
    service: row.service,
    threshold: Number(row.threshold),
    windowSeconds: row.window_seconds,
    minRequests: row.min_requests,
    webhookUrl: row.webhook_url,
    webhookSecretSealed: row.webhook_secret_sealed,
    enabled: row.enabled,
    budgetMicros: Number(row.budget_micros),
    currency: row.currency,
    period: row.period as BudgetPeriod,
    projectId: row.project_id,
    keyId: row.key_id,
    state: row.firing ? "firing" : "ok",
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
