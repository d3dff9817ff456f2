import { outboxMigration, type Migration } from "@llm-serve/common";
import { createBillTables } from "./bill-tables.js";
import { createLedgerTables } from "./ledger-tables.js";
import { createPlanTables } from "./plan-tables.js";
import { addVolumeTiers } from "./volume-tiers.js";
import { addLedgerStatus } from "./ledger-status.js";

const createPricePlans: Migration = {
  name: "0001_create_price_plans",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("price_plans", (table) => {
      table.text("id").primary();
      table.text("currency").notNullable();
      // Money is an integer count of micro-units: no floating point anywhere near it.
      table.bigInteger("prompt_micros_per_million_tokens").notNullable();
      table.bigInteger("completion_micros_per_million_tokens").notNullable();
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("price_plans");
  },
};

export const migrations: readonly Migration[] = [outboxMigration, createPricePlans, createPlanTables, createLedgerTables, createBillTables, addVolumeTiers, addLedgerStatus];
