import type { Migration } from "@llm-serve/common";

/**
 * The usage event's status on each ledger line (ADR 0028), so analytics' reports grouped by status
 * carry the ledger's exact cost (provider and deployment were already there). Lines written before
 * have "" (unknown). Adding a column fires no row trigger: the ledger stays append-only.
 */
export const addLedgerStatus: Migration = {
  name: "0006_ledger_status",
  async up(db, schema) {
    await db.schema.withSchema(schema).alterTable("ledger_lines", (table) => {
      table.text("status").notNullable().defaultTo("");
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).alterTable("ledger_lines", (table) => table.dropColumn("status"));
  },
};
