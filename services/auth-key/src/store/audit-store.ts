import type { Knex, ListOrder } from "@llm-serve/common";
import type { AuditRecord } from "../domain/model.js";

interface AuditRow {
  sequence: number;
  id: string;
  occurred_at: Date;
  actor_id: string;
  actor_role: string;
  action: string;
  resource_type: string;
  resource_id: string;
  org_id: string;
  client_ip: string;
  request_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditFilter {
  orgId?: string;
  actorId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  since?: Date;
  until?: Date;
  beforeSequence?: number;
  /** Records after this one in `order` (a cursor by id; `queryAudit` refuses one the search does not find). */
  afterId?: string;
  /** By sequence: `desc` newest first, `asc` oldest first. */
  order: ListOrder;
  limit: number;
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    sequence: Number(row.sequence),
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    orgId: row.org_id,
    clientIp: row.client_ip,
    requestId: row.request_id,
    before: row.before,
    after: row.after,
  };
}

/** The append-only audit trail: insert and query, nothing else (the table refuses the rest). */
export class AuditStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async append(record: Omit<AuditRecord, "sequence">): Promise<void> {
    await this.db("audit_records").insert({
      id: record.id,
      occurred_at: record.occurredAt,
      actor_id: record.actorId,
      actor_role: record.actorRole,
      action: record.action,
      resource_type: record.resourceType,
      resource_id: record.resourceId,
      org_id: record.orgId,
      client_ip: record.clientIp,
      request_id: record.requestId,
      before: record.before === null ? null : JSON.stringify(record.before),
      after: record.after === null ? null : JSON.stringify(record.after),
    });
  }

  /** In `filter.order` by sequence (the order records were appended in). */
  async query(filter: AuditFilter): Promise<AuditRecord[]> {
    const query = this.matching(filter).select("*").orderBy("sequence", filter.order).limit(filter.limit);
    if (filter.beforeSequence) query.where("sequence", "<", filter.beforeSequence);
    if (filter.afterId) query.where("sequence", filter.order === "desc" ? "<" : ">", this.db("audit_records").select("sequence").where("id", filter.afterId));
    return ((await query) as AuditRow[]).map(toRecord);
  }

  /** Whether the record `id` is one the filter's search finds (its cursors aside): a cursor of this list. */
  async matches(filter: Omit<AuditFilter, "order" | "limit">, id: string): Promise<boolean> {
    return (await this.matching(filter).where("id", id).first("id")) !== undefined;
  }

  private matching(filter: Omit<AuditFilter, "order" | "limit">): Knex.QueryBuilder {
    const query = this.db("audit_records");
    if (filter.orgId !== undefined) query.where("org_id", filter.orgId);
    if (filter.actorId) query.where("actor_id", filter.actorId);
    if (filter.action) query.where("action", filter.action);
    if (filter.resourceType) query.where("resource_type", filter.resourceType);
    if (filter.resourceId) query.where("resource_id", filter.resourceId);
    if (filter.since) query.where("occurred_at", ">=", filter.since);
    if (filter.until) query.where("occurred_at", "<", filter.until);
    return query;
  }
}
