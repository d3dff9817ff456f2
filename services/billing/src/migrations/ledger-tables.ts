import type { Migration } from "@llm-serve/common";
import { makeAppendOnly } from "./append-only.js";

/** The priced ledger (one line per usage event id, append-only) and usage waiting for a price. */
export const createLedgerTables: Migration = {
  name: "0003_create_ledger",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("ledger_lines", (table) => {
      table.text("event_id").primary();
      table.text("request_id").notNullable();
      table.text("org_id").notNullable();
      table.text("project_id").notNullable();
      table.text("key_id").notNullable();
      table.text("model").notNullable();
      table.text("deployment_id").notNullable();
      table.text("provider").notNullable();
      table.text("endpoint").notNullable();
      table.text("plan_id").notNullable();
      table.integer("plan_version").notNullable();
      table.text("currency").notNullable();
      table.bigInteger("amount_micros").notNullable();
      table.boolean("estimated").notNullable();
      // The priced quantities, as decimal strings (what the amount was computed from).
      table.jsonb("quantities").notNullable();
      table.timestamp("occurred_at", { useTz: true }).notNullable();
      table.timestamp("recorded_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.index(["org_id", "occurred_at"]);
    });
    await makeAppendOnly(db, schema, "ledger_lines");
    await db.schema.withSchema(schema).createTable("pending_usage", (table) => {
      table.text("event_id").primary();
      table.text("model").notNullable();
      table.text("reason").notNullable();
      // The event as received (envelope and proto3 JSON payload), priced later as it was.
      table.jsonb("event").notNullable();
      table.timestamp("received_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("pending_usage");
    await db.schema.withSchema(schema).dropTableIfExists("ledger_lines");
  },
};
