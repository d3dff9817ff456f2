import type { Knex } from "@llm-serve/common";
import { DEFAULT_ACCOUNT, type BillingAccount, type Cycle } from "../domain/bill.js";

/** Billing accounts and cycle arithmetic: Postgres knows every timezone's rules, so it computes the bounds. */
export class AccountStore {
  constructor(private readonly db: Knex) {}

  async find(orgId: string): Promise<BillingAccount> {
    const row = await this.db("billing_accounts").where({ org_id: orgId }).first();
    return row ? { orgId, anchorDay: row.anchor_day, timezone: row.timezone } : { orgId, ...DEFAULT_ACCOUNT };
  }

  async save(account: BillingAccount): Promise<void> {
    await this.db("billing_accounts")
      .insert({ org_id: account.orgId, anchor_day: account.anchorDay, timezone: account.timezone, updated_at: this.db.fn.now() })
      .onConflict("org_id")
      .merge();
  }

  async isTimezone(name: string): Promise<boolean> {
    const row = await this.db.raw("SELECT count(*)::int AS found FROM pg_timezone_names WHERE name = ?", [name]);
    return Number(row.rows[0]?.found ?? 0) > 0;
  }

  /** The cycle containing `at`: from the anchor day 00:00 local time to the next month's. */
  async cycleContaining(account: BillingAccount, at: Date): Promise<Cycle> {
    const result = await this.db.raw(
      `WITH local AS (SELECT (?::timestamptz AT TIME ZONE ?::text) AS at),
            anchored AS (SELECT date_trunc('month', at) + make_interval(days => ?::int) AS this_month, at FROM local),
            start AS (SELECT CASE WHEN at >= this_month THEN this_month ELSE this_month - interval '1 month' END AS local_start FROM anchored)
       SELECT local_start AT TIME ZONE ?::text AS start, (local_start + interval '1 month') AT TIME ZONE ?::text AS "end" FROM start`,
      [at, account.timezone, account.anchorDay - 1, account.timezone, account.timezone],
    );
    const row = result.rows[0] as { start: Date; end: Date };
    return { start: row.start, end: row.end };
  }
}
