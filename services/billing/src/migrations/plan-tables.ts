import type { Migration } from "@llm-serve/common";
import { makeAppendOnly } from "./append-only.js";

/**
 * Versioned price plans. 0001's flat `price_plans` table is left in place (empty in every
 * deployment so far); plans now live in `plans` and their never-edited `plan_versions`.
 */
export const createPlanTables: Migration = {
  name: "0002_create_plan_versions",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("plans", (table) => {
      table.text("id").primary();
      table.text("name").notNullable();
      table.text("currency").notNullable();
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    await db.schema.withSchema(schema).createTable("plan_versions", (table) => {
      table.text("plan_id").notNullable().references("id").inTable(`${schema}.plans`);
      table.integer("version").notNullable();
      table.timestamp("effective_from", { useTz: true }).notNullable();
      // Rules with prices as decimal strings of integer micro-units (BigInt-safe in JSON).
      table.jsonb("rules").notNullable();
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.primary(["plan_id", "version"]);
      table.unique(["plan_id", "effective_from"]);
    });
    await makeAppendOnly(db, schema, "plan_versions");
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("plan_versions");
    await db.schema.withSchema(schema).dropTableIfExists("plans");
  },
};
