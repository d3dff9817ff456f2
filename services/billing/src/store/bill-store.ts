import { enqueueEvents, type EncodedEvent, type Knex, type ListOrder } from "@llm-serve/common";
import type { Bill, BillItem, CurrencyAmount, Cycle, PlanVolume } from "../domain/bill.js";
import { bigintOf, billFromRows, type BillRow, type ItemRow } from "./bill-rows.js";

/** Bills, their items and lines, and the spend queries: the only code that sees their SQL. */
export class BillStore {
  constructor(private readonly db: Knex) {}

  /** The orgs with ledger lines on no bill yet. */
  async orgsWithUnbilledLines(): Promise<string[]> {
    const rows: Array<{ org_id: string }> = await this.db("ledger_lines as line")
      .distinct("line.org_id")
      .whereNotExists(this.db("bill_lines").whereRaw("bill_lines.event_id = line.event_id"));
    return rows.map((row) => row.org_id);
  }

  async earliestUnbilledLine(orgId: string): Promise<Date | undefined> {
    const row = await this.db("ledger_lines as line")
      .where("line.org_id", orgId)
      .whereNotExists(this.db("bill_lines").whereRaw("bill_lines.event_id = line.event_id"))
      .min({ earliest: "line.occurred_at" })
      .first();
    return row?.earliest ?? undefined;
  }

  async lastCycleEnd(orgId: string): Promise<Date | undefined> {
    const row = await this.db("bills").where({ org_id: orgId }).max({ last: "cycle_end" }).first();
    return row?.last ?? undefined;
  }

  /**
   * Freezes the bill of one cycle in one transaction, under an advisory lock of the org: every
   * ledger line of the org before the cycle end that is on no bill yet goes on this one (lines of
   * earlier cycles as adjustments), chosen and counted in one statement (one snapshot), then the
   * items and the cycle-closed event. Returns undefined when the cycle was closed meanwhile.
   */
  async close(input: { id: string; orgId: string; cycle: Cycle; closedAt: Date; discounts: (volumes: PlanVolume[]) => PlanVolume[]; event: (bill: Bill) => EncodedEvent }): Promise<Bill | undefined> {
    return this.db.transaction(async (transaction) => {
      await transaction.raw("SELECT pg_advisory_xact_lock(hashtext(?))", [`billing.close:${input.orgId}`]);
      if (await transaction("bills").where({ org_id: input.orgId, cycle_start: input.cycle.start }).first()) return undefined;
      await transaction.raw(
        `WITH candidates AS (
           SELECT line.event_id FROM ?? AS line
           WHERE line.org_id = ? AND line.occurred_at < ?::timestamptz
             AND NOT EXISTS (SELECT 1 FROM ?? AS billed WHERE billed.event_id = line.event_id)),
         bill AS (
           INSERT INTO ?? (id, org_id, cycle_start, cycle_end, closed_at, ledger_lines)
           SELECT ?::text, ?::text, ?::timestamptz, ?::timestamptz, ?::timestamptz, count(*) FROM candidates RETURNING id)
         INSERT INTO ?? (event_id, bill_id) SELECT event_id, (SELECT id FROM bill) FROM candidates`,
        ["ledger_lines", input.orgId, input.cycle.end, "bill_lines", "bills", input.id, input.orgId, input.cycle.start, input.cycle.end, input.closedAt, "bill_lines"],
      );
      await transaction.raw(
        `INSERT INTO ?? (bill_id, project_id, key_id, model, currency, adjustment, requests, estimated_requests, amount_micros)
         SELECT ?::text, line.project_id, line.key_id, line.model, line.currency, line.occurred_at < ?::timestamptz, count(*), count(*) FILTER (WHERE line.estimated), sum(line.amount_micros)
         FROM ?? AS line JOIN ?? AS billed ON billed.event_id = line.event_id AND billed.bill_id = ?
         GROUP BY 1, 2, 3, 4, 5, 6`,
        ["bill_items", input.id, input.cycle.start, "ledger_lines", "bill_lines", input.id],
      );
      // The volume discounts: computed from the bill's lines only (their sum per plan), so frozen with them.
      const volumes = await this.volumesOf(transaction("bill_lines").select("event_id").where({ bill_id: input.id }), transaction);
      const discounts = input.discounts(volumes).filter((discount) => discount.volumeMicros !== 0n);
      if (discounts.length > 0) {
        await transaction("bill_items").insert(
          discounts.map((discount) => ({ bill_id: input.id, project_id: "", key_id: "", model: "", currency: discount.currency, adjustment: false, requests: 0, estimated_requests: 0, amount_micros: discount.volumeMicros.toString(), kind: "volume_tier", plan_id: discount.planId })),
        );
      }
      const bill = await this.read(transaction, input.id);
      await enqueueEvents(transaction, [input.event(bill!)]);
      return bill;
    });
  }

  async find(id: string): Promise<Bill | undefined> {
    return this.read(this.db, id);
  }

  /** Whether the bill `id` is one of the org's (a cursor of its list). */
  async isOf(orgId: string, id: string): Promise<boolean> {
    return (await this.db("bills").where({ org_id: orgId, id }).first("id")) !== undefined;
  }

  /** Up to `limit + 1` of an org's bills by cycle start in `order` (one bill per cycle), after the bill `after`. */
  async list(input: { orgId: string; limit: number; after: string; order: ListOrder }): Promise<Bill[]> {
    const query = this.db("bills").where({ org_id: input.orgId }).orderBy([{ column: "cycle_start", order: input.order }]).limit(input.limit + 1);
    if (input.after !== "") query.where("cycle_start", input.order === "desc" ? "<" : ">", this.db("bills").select("cycle_start").where({ id: input.after }));
    const rows: BillRow[] = await query;
    return Promise.all(rows.map((row) => this.read(this.db, row.id) as Promise<Bill>));
  }

  /** Spend of an org's lines in [from, to), grouped by the given columns. */
  async spend(input: { orgId: string; from: Date; to: Date; groupBy: ReadonlyArray<"project_id" | "key_id" | "model"> }): Promise<Array<BillItem>> {
    const columns = [...input.groupBy, "currency"];
    const rows: Array<Record<string, unknown>> = await this.db("ledger_lines")
      .select(columns)
      .select(this.db.raw("count(*)::bigint AS requests"), this.db.raw("count(*) FILTER (WHERE estimated)::bigint AS estimated_requests"), this.db.raw("sum(amount_micros)::text AS amount"))
      .where({ org_id: input.orgId })
      .andWhere("occurred_at", ">=", input.from)
      .andWhere("occurred_at", "<", input.to)
      .groupBy(columns)
      .orderBy(columns);
    return rows.map((row) => ({
      projectId: String(row.project_id ?? ""),
      keyId: String(row.key_id ?? ""),
      model: String(row.model ?? ""),
      currency: String(row.currency),
      adjustment: false,
      requests: Number(row.requests),
      estimatedRequests: Number(row.estimated_requests),
      amountMicros: bigintOf(row.amount),
      kind: "usage" as const,
      planId: "",
    }));
  }

  /** The org's spend per plan and currency over [from, to): the volume its tiers are computed on. */
  async volumes(input: { orgId: string; from: Date; to: Date }): Promise<PlanVolume[]> {
    return this.volumesOf(this.db("ledger_lines").select("event_id").where({ org_id: input.orgId }).andWhere("occurred_at", ">=", input.from).andWhere("occurred_at", "<", input.to), this.db);
  }

  private async volumesOf(eventIds: Knex.QueryBuilder, db: Knex | Knex.Transaction): Promise<PlanVolume[]> {
    const rows: Array<{ plan_id: string; currency: string; volume: string }> = await db("ledger_lines")
      .whereIn("event_id", eventIds)
      .groupBy("plan_id", "currency")
      .orderBy(["plan_id", "currency"])
      .select("plan_id", "currency", db.raw("sum(amount_micros)::text AS volume"));
    return rows.map((row) => ({ planId: row.plan_id, currency: row.currency, volumeMicros: BigInt(row.volume) }));
  }

  /** The sum of the ledger lines on a bill, straight from the ledger (what a bill must equal). */
  async ledgerTotals(billId: string): Promise<CurrencyAmount[]> {
    const rows: Array<{ currency: string; amount: string }> = await this.db("ledger_lines as line")
      .join("bill_lines as billed", "billed.event_id", "line.event_id")
      .where("billed.bill_id", billId)
      .groupBy("line.currency")
      .select("line.currency", this.db.raw("sum(line.amount_micros)::text AS amount"));
    return rows.map((row) => ({ currency: row.currency, amountMicros: BigInt(row.amount) }));
  }

  private async read(db: Knex | Knex.Transaction, id: string): Promise<Bill | undefined> {
    const row: BillRow | undefined = await db("bills").where({ id }).first();
    if (!row) return undefined;
    const items: ItemRow[] = await db("bill_items").where({ bill_id: id }).orderBy(["kind", "adjustment", "project_id", "key_id", "model", "currency", "plan_id"]);
    return billFromRows(row, items);
  }
}
