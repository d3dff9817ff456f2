import type { Migration } from "@llm-serve/common";
import { makeAppendOnly } from "./append-only.js";

/** Billing accounts (cycle anchor and timezone) and frozen bills: bills, their items and lines. */
export const createBillTables: Migration = {
  name: "0004_create_bills",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("billing_accounts", (table) => {
      table.text("org_id").primary();
      table.integer("anchor_day").notNullable();
      table.text("timezone").notNullable();
      table.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    await db.schema.withSchema(schema).createTable("bills", (table) => {
      table.text("id").primary();
      table.text("org_id").notNullable();
      table.timestamp("cycle_start", { useTz: true }).notNullable();
      table.timestamp("cycle_end", { useTz: true }).notNullable();
      table.timestamp("closed_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.bigInteger("ledger_lines").notNullable();
      table.unique(["org_id", "cycle_start"]);
    });
    await db.schema.withSchema(schema).createTable("bill_items", (table) => {
      table.text("bill_id").notNullable().references("id").inTable(`${schema}.bills`);
      table.text("project_id").notNullable();
      table.text("key_id").notNullable();
      table.text("model").notNullable();
      table.text("currency").notNullable();
      table.boolean("adjustment").notNullable();
      table.bigInteger("requests").notNullable();
      table.bigInteger("estimated_requests").notNullable();
      table.bigInteger("amount_micros").notNullable();
      table.index(["bill_id"]);
    });
    // Which ledger line is on which bill: unique, so no line is ever billed twice.
    await db.schema.withSchema(schema).createTable("bill_lines", (table) => {
      table.text("event_id").primary();
      table.text("bill_id").notNullable().references("id").inTable(`${schema}.bills`);
    });
    for (const table of ["bills", "bill_items", "bill_lines"]) await makeAppendOnly(db, schema, table);
  },
  async down(db, schema) {
    for (const table of ["bill_lines", "bill_items", "bills", "billing_accounts"]) await db.schema.withSchema(schema).dropTableIfExists(table);
  },
};
