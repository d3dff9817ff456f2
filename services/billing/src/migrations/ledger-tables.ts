import type { Migration } from "@llm-serve/common";
import { makeAppendOnly } from "./append-only.js";

/** The priced ledger (one line per usage event id, append-only), usage waiting for a price, and org/project price modifiers. */
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
      // The org's and project's multipliers applied (ppm; 1,000,000 = none).
      table.bigInteger("org_multiplier_ppm").notNullable();
      table.bigInteger("project_multiplier_ppm").notNullable();
      table.boolean("estimated").notNullable();
      // The priced quantities, as decimal strings (what the amount was computed from).
      table.jsonb("quantities").notNullable();
      table.timestamp("occurred_at", { useTz: true }).notNullable();
      table.timestamp("recorded_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.index(["org_id", "occurred_at"]);
    });
    await makeAppendOnly(db, schema, "ledger_lines");
    await db.schema.withSchema(schema).createTable("price_modifiers", (table) => {
      table.text("id").primary();
      table.text("scope").notNullable();
      table.text("scope_id").notNullable();
      table.bigInteger("multiplier_ppm").notNullable();
      table.timestamp("effective_from", { useTz: true }).notNullable();
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.unique(["scope", "scope_id", "effective_from"]);
    });
    await makeAppendOnly(db, schema, "price_modifiers");
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
    await db.schema.withSchema(schema).dropTableIfExists("price_modifiers");
    await db.schema.withSchema(schema).dropTableIfExists("pending_usage");
    await db.schema.withSchema(schema).dropTableIfExists("ledger_lines");
  },
};
