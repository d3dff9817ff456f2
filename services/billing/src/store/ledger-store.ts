import type { Knex } from "@llm-serve/common";
import type { LedgerLine, PendingUsage } from "../domain/ledger-line.js";
import type { UsageQuantities } from "@llm-serve/pricing";
import type { LedgerSum, LedgerSumFilter } from "../domain/sum-ledger.js";
import { sumLedgerLines } from "./ledger-sums.js";

/** Rows per INSERT: far below Postgres's 65,535 parameters per statement. */
const CHUNK_ROWS = 500;

/** The ledger and the usage held for a price: the only code that sees their SQL. */
export class LedgerStore {
  constructor(private readonly db: Knex) {}

  /**
   * Appends the lines whose event id is not in the ledger yet and removes them from the pending
   * usage, in one transaction; returns the event ids written (a redelivered event writes nothing).
   */
  async append(lines: readonly LedgerLine[]): Promise<string[]> {
    if (lines.length === 0) return [];
    return this.db.transaction(async (transaction) => {
      const written: string[] = [];
      for (let start = 0; start < lines.length; start += CHUNK_ROWS) {
        const chunk = lines.slice(start, start + CHUNK_ROWS);
        const rows: Array<{ event_id: string }> = await transaction("ledger_lines").insert(chunk.map(lineRow)).onConflict("event_id").ignore().returning("event_id");
        for (const row of rows) written.push(row.event_id);
        await transaction("pending_usage").whereIn("event_id", chunk.map((line) => line.eventId)).delete();
      }
      return written;
    });
  }

  /** Holds events for a later price, except those already priced (a replay); returns how many are new. */
  async hold(pending: readonly PendingUsage[]): Promise<number> {
    if (pending.length === 0) return 0;
    const priced = new Set(await this.pricedAmong(pending.map((item) => item.eventId)));
    const rows = pending.filter((item) => !priced.has(item.eventId)).map((item) => ({ event_id: item.eventId, model: item.model, reason: item.reason, event: JSON.stringify(item.event) }));
    if (rows.length === 0) return 0;
    const inserted = await this.db("pending_usage").insert(rows).onConflict("event_id").ignore().returning("event_id");
    return inserted.length;
  }

  async pricedAmong(eventIds: readonly string[]): Promise<string[]> {
    if (eventIds.length === 0) return [];
    const rows: Array<{ event_id: string }> = await this.db("ledger_lines").whereIn("event_id", [...eventIds]).select("event_id");
    return rows.map((row) => row.event_id);
  }

  /** The oldest held events first. */
  async pending(limit: number): Promise<PendingUsage[]> {
    const rows: Array<{ event_id: string; model: string; reason: string; event: unknown }> = await this.db("pending_usage").orderBy([{ column: "received_at" }, { column: "event_id" }]).limit(limit);
    return rows.map((row) => ({ eventId: row.event_id, model: row.model, reason: row.reason, event: row.event }));
  }

  async pendingSummary(): Promise<{ events: number; oldestReceivedAt?: Date }> {
    const [row] = await this.db("pending_usage").select(this.db.raw("count(*)::bigint AS events"), this.db.raw("min(received_at) AS oldest"));
    return { events: Number(row?.events ?? 0), oldestReceivedAt: row?.oldest ?? undefined };
  }

  /** Every line of an org with the given time range, for tests and exports (by event id). */
  async linesOf(orgId: string, range: { from: Date; to: Date }): Promise<LedgerLine[]> {
    const rows = await this.db("ledger_lines").where({ org_id: orgId }).andWhere("occurred_at", ">=", range.from).andWhere("occurred_at", "<", range.to).orderBy("event_id");
    return rows.map(lineFromRow);
  }

  /** Sums of lines by event time, filtered and grouped (SumLedger, for analytics' cost reports). */
  async sum(filter: LedgerSumFilter): Promise<LedgerSum[]> {
    return sumLedgerLines(this.db, filter);
  }
}

function lineRow(line: LedgerLine) {
  return {
    event_id: line.eventId,
    request_id: line.requestId,
    org_id: line.orgId,
    project_id: line.projectId,
    key_id: line.keyId,
    model: line.model,
    deployment_id: line.deploymentId,
    provider: line.provider,
    endpoint: line.endpoint,
    status: line.status,
    plan_id: line.planId,
    plan_version: line.planVersion,
    currency: line.currency,
    amount_micros: line.amountMicros.toString(),
    org_multiplier_ppm: line.orgMultiplierPpm.toString(),
    project_multiplier_ppm: line.projectMultiplierPpm.toString(),
    estimated: line.estimated,
    quantities: JSON.stringify(Object.fromEntries(Object.entries(line.quantities).map(([name, value]) => [name, String(value)]))),
    occurred_at: line.occurredAt,
  };
}

export function lineFromRow(row: Record<string, unknown>): LedgerLine {
  const quantities = row.quantities as Record<string, string>;
  return {
    eventId: String(row.event_id),
    requestId: String(row.request_id),
    orgId: String(row.org_id),
    projectId: String(row.project_id),
    keyId: String(row.key_id),
    model: String(row.model),
    deploymentId: String(row.deployment_id),
    provider: String(row.provider),
    endpoint: String(row.endpoint),
    status: String(row.status ?? ""),
    planId: String(row.plan_id),
    planVersion: Number(row.plan_version),
    currency: String(row.currency),
    amountMicros: BigInt(String(row.amount_micros)),
    orgMultiplierPpm: BigInt(String(row.org_multiplier_ppm)),
    projectMultiplierPpm: BigInt(String(row.project_multiplier_ppm)),
    estimated: Boolean(row.estimated),
    quantities: Object.fromEntries(Object.entries(quantities).map(([name, value]) => [name, name === "imageSize" || name === "imageQuality" ? value : BigInt(value)])) as unknown as UsageQuantities,
    occurredAt: row.occurred_at as Date,
  };
}
