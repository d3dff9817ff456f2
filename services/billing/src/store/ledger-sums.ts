import type { Knex } from "@llm-serve/common";
import type { LedgerSum, LedgerSumFilter } from "../domain/sum-ledger.js";

/** The SQL of SumLedger: sums of ledger lines by event time, filtered and grouped by currency and the given columns. */
export async function sumLedgerLines(db: Knex, filter: LedgerSumFilter): Promise<LedgerSum[]> {
  const columns = [...filter.groupBy, "currency"];
  const query = db("ledger_lines")
    .select(columns)
    .select(db.raw("count(*)::bigint AS lines"), db.raw("sum(amount_micros)::text AS amount"))
    .where("occurred_at", ">=", filter.from)
    .andWhere("occurred_at", "<", filter.to)
    .groupBy(columns)
    .orderBy(columns);
  if (filter.orgId !== "") query.andWhere("org_id", filter.orgId);
  if (filter.projectId !== "") query.andWhere("project_id", filter.projectId);
  if (filter.keyId !== "") query.andWhere("key_id", filter.keyId);
  if (filter.model !== "") query.andWhere("model", filter.model);
  if (filter.provider !== "") query.andWhere("provider", filter.provider);
  if (filter.deploymentId !== "") query.andWhere("deployment_id", filter.deploymentId);
  if (filter.status !== "") query.andWhere("status", filter.status);
  const rows: Array<Record<string, unknown>> = await query;
  return rows.map((row) => ({
    orgId: String(row.org_id ?? ""),
    projectId: String(row.project_id ?? ""),
    keyId: String(row.key_id ?? ""),
    model: String(row.model ?? ""),
    provider: String(row.provider ?? ""),
    deploymentId: String(row.deployment_id ?? ""),
    status: String(row.status ?? ""),
    currency: String(row.currency),
    amountMicros: BigInt(String(row.amount ?? "0")),
    lines: Number(row.lines),
  }));
}
