import type { Knex } from "@llm-serve/common";
import { formatPeriod, parsePeriod, type Budget, type FailMode, type PolicyOwner, type PolicySpec, type QuotaPolicy, type QuotaScope } from "@llm-serve/quota-engine";

interface PolicyRow {
  id: string;
  scope: string;
  scope_id: string;
  org_id: string;
  model: string;
  requests_per_minute: number | null;
  tokens_per_minute: number | null;
  token_budget_limit: number | null;
  token_budget_period: string | null;
  cost_budget_micros: number | null;
  cost_budget_period: string | null;
  max_concurrent_requests: number | null;
  fail_mode: string;
  warning_thresholds_bps: number[];
  timezone: string;
  admission_wait_ms: number | null;
  version: number;
  owner: string;
}

export interface PolicyFilter {
  scope?: string;
  scopeId?: string;
  orgId?: string;
  /** Keyset pagination: ids after this one in `order` (`listPolicies` refuses one the list does not hold). */
  afterId?: string;
  /** By id; ascending when not given. */
  order?: "asc" | "desc";
  limit: number;
}

const UNIQUE_VIOLATION = "23505";

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === UNIQUE_VIOLATION;
}

function budgetOf(limit: number | null, period: string | null): Budget | undefined {
  if (limit === null || period === null) return undefined;
  const parsed = parsePeriod(period);
  return parsed instanceof Error ? undefined : { limit, period: parsed };
}

function toPolicy(row: PolicyRow): QuotaPolicy {
  return {
    id: row.id,
    scope: row.scope as QuotaScope,
    scopeId: row.scope_id,
    orgId: row.org_id,
    model: row.model,
    requestsPerMinute: row.requests_per_minute ?? undefined,
    tokensPerMinute: row.tokens_per_minute ?? undefined,
    tokenBudget: budgetOf(row.token_budget_limit, row.token_budget_period),
    costBudget: budgetOf(row.cost_budget_micros, row.cost_budget_period),
    maxConcurrentRequests: row.max_concurrent_requests ?? undefined,
    failMode: row.fail_mode as FailMode,
    warningThresholdsBps: row.warning_thresholds_bps,
    timezone: row.timezone,
    admissionWaitMs: row.admission_wait_ms === null ? undefined : Number(row.admission_wait_ms),
    version: row.version,
    isDefault: false,
    owner: row.owner as PolicyOwner,
  };
}

/** The limits: everything `update` may replace (owner, like the subject, is set once by `insert`). */
function toRow(spec: PolicySpec): Omit<PolicyRow, "id" | "version" | "owner"> {
  return {
    scope: spec.scope,
    scope_id: spec.scopeId,
    org_id: spec.orgId,
    model: spec.model,
    requests_per_minute: spec.requestsPerMinute ?? null,
    tokens_per_minute: spec.tokensPerMinute ?? null,
    token_budget_limit: spec.tokenBudget?.limit ?? null,
    token_budget_period: spec.tokenBudget ? formatPeriod(spec.tokenBudget.period) : null,
    cost_budget_micros: spec.costBudget?.limit ?? null,
    cost_budget_period: spec.costBudget ? formatPeriod(spec.costBudget.period) : null,
    max_concurrent_requests: spec.maxConcurrentRequests ?? null,
    fail_mode: spec.failMode,
    warning_thresholds_bps: spec.warningThresholdsBps,
    timezone: spec.timezone,
    admission_wait_ms: spec.admissionWaitMs ?? null,
  };
}

/** The quota policies table: the only code that sees its SQL. */
export class PolicyStore {
  constructor(private readonly db: Knex) {}

  async find(id: string): Promise<QuotaPolicy | undefined> {
    const row: PolicyRow | undefined = await this.db("quota_policies").where({ id }).first();
    return row ? toPolicy(row) : undefined;
  }

  async list(filter: PolicyFilter): Promise<QuotaPolicy[]> {
    const order = filter.order ?? "asc";
    const query = this.matching(filter).orderBy("id", order).limit(filter.limit);
    if (filter.afterId) query.where("id", order === "asc" ? ">" : "<", filter.afterId);
    const rows: PolicyRow[] = await query;
    return rows.map(toPolicy);
  }

  /** Whether the policy `id` is one the filter's list holds (scope, subject, organization): a cursor of it. */
  async matches(filter: Omit<PolicyFilter, "afterId" | "order" | "limit">, id: string): Promise<boolean> {
    return (await this.matching(filter).where({ id }).first("id")) !== undefined;
  }

  private matching(filter: Omit<PolicyFilter, "afterId" | "order" | "limit">): Knex.QueryBuilder {
    const query = this.db("quota_policies");
    if (filter.scope) query.where({ scope: filter.scope });
    if (filter.scopeId) query.where({ scope_id: filter.scopeId });
    if (filter.orgId) query.where({ org_id: filter.orgId });
    return query;
  }

  async all(): Promise<QuotaPolicy[]> {
    const rows: PolicyRow[] = await this.db("quota_policies").orderBy("id");
    return rows.map(toPolicy);
  }

  /** Throws a unique violation when the subject already has a policy for that model. */
  async insert(id: string, spec: PolicySpec, owner: PolicyOwner): Promise<QuotaPolicy> {
    const [row]: PolicyRow[] = await this.db("quota_policies")
      .insert({ id, ...toRow(spec), owner, version: 1 })
      .returning("*");
    return toPolicy(row!);
  }

  /** Replaces the limits; returns undefined when the id (at `expectedVersion`, if given) is not there. */
  async update(id: string, spec: PolicySpec, expectedVersion?: number): Promise<QuotaPolicy | undefined> {
    const query = this.db("quota_policies").where({ id });
    if (expectedVersion !== undefined) query.where({ version: expectedVersion });
    const [row]: PolicyRow[] = await query.update({ ...toRow(spec), version: this.db.raw("version + 1"), updated_at: this.db.fn.now() }).returning("*");
    return row ? toPolicy(row) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db("quota_policies").where({ id }).delete()) === 1;
  }

}
