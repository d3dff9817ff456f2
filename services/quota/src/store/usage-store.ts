import type { Knex } from "@llm-serve/common";
import type { QuotaScope } from "@llm-serve/quota-engine";

export interface UsageRecord {
  eventId: string;
  requestId: string;
  keyId: string;
  projectId: string;
  orgId: string;
  model: string;
  totalTokens: number;
  costMicros: number;
  occurredAt: Date;
}

/** Totals of one subject in one time range, as the rebuild needs them. */
export interface SubjectTotals {
  subjectId: string;
  /** The organization the subject belongs to (policies attached by id count within their org). */
  orgId: string;
  requests: number;
  tokens: number;
  costMicros: number;
}

/** Rows per INSERT: 9 parameters each, far below Postgres's 65,535 per statement. */
const INSERT_CHUNK_ROWS = 1_000;

const SUBJECT_COLUMN: Readonly<Record<QuotaScope, string>> = { org: "org_id", project: "project_id", key: "key_id" };

/** The usage record: the only code that sees its SQL. */
export class UsageStore {
  constructor(private readonly db: Knex) {}

  /**
   * Writes the records whose event id is not recorded yet, with one multi-row INSERT per
   * thousand, and returns the event ids it wrote (a redelivered record is left alone). Each
   * statement commits on its own: after a failure part-way, a redelivery skips what was written.
   */
  async insertMany(records: readonly UsageRecord[]): Promise<string[]> {
    const written: string[] = [];
    for (let start = 0; start < records.length; start += INSERT_CHUNK_ROWS) {
      const rows: Array<{ event_id: string }> = await this.db("usage_records")
        .insert(records.slice(start, start + INSERT_CHUNK_ROWS).map(usageRow))
        .onConflict("event_id")
        .ignore()
        .returning("event_id");
      for (const row of rows) written.push(row.event_id);
    }
    return written;
  }

  /** Requests, tokens and cost per subject of a scope in [start, end), optionally for one model. */
  async totalsBySubject(input: { scope: QuotaScope; model: string; startMs: number; endMs: number; subjectIds?: readonly string[] }): Promise<SubjectTotals[]> {
    const column = SUBJECT_COLUMN[input.scope];
    const query = this.db("usage_records")
      .select({ subject_id: column, org_id: "org_id" })
      // A request may have several usage events (one per upstream attempt): it is one request.
      .select(this.db.raw("count(distinct request_id)::bigint AS requests"), this.db.raw("coalesce(sum(total_tokens), 0)::bigint AS tokens"), this.db.raw("coalesce(sum(cost_micros), 0)::bigint AS cost"))
      .where("occurred_at", ">=", new Date(input.startMs))
      .andWhere("occurred_at", "<", new Date(input.endMs))
      .groupBy(column, "org_id");
    if (input.model !== "") query.andWhere({ model: input.model });
    if (input.subjectIds) query.whereIn(column, [...input.subjectIds]);
    const rows: Array<{ subject_id: string; org_id: string; requests: number; tokens: number; cost: number }> = await query;
    return rows.map((row) => ({ subjectId: row.subject_id, orgId: row.org_id, requests: Number(row.requests), tokens: Number(row.tokens), costMicros: Number(row.cost) }));
  }
}

function usageRow(record: UsageRecord) {
  return {
    event_id: record.eventId,
    request_id: record.requestId,
    key_id: record.keyId,
    project_id: record.projectId,
    org_id: record.orgId,
    model: record.model,
    total_tokens: record.totalTokens,
    cost_micros: record.costMicros,
    occurred_at: record.occurredAt,
  };
}
