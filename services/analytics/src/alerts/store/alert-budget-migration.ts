import type { Migration } from "@llm-serve/common";

/**
 * Budget rules (ADR 0028): the budget, its currency and period, and the project or key it narrows
 * to; empty / 0 for every other kind. The usage events' time index (what the evaluator's window reads).
 */
export const alertBudgetMigration: Migration = {
  name: "0101_alert_budgets_and_usage_time_index",
  async up(db, schema) {
    await db.schema.withSchema(schema).alterTable("alert_rules", (table) => {
      table.bigInteger("budget_micros").notNullable().defaultTo(0);
      table.text("currency").notNullable().defaultTo("");
      table.text("period").notNullable().defaultTo("");
      table.text("project_id").notNullable().defaultTo("");
      table.text("key_id").notNullable().defaultTo("");
    });
    // Every rule's window is `received_at >= now() - window`: without this, each evaluation of each
    // rule read the whole table (ADR 0023's consequence). A window is minutes of a table of days, so
    // the time alone is selective; the org and model filter the few rows it finds.
    await db.schema.withSchema(schema).alterTable("usage_events", (table) => table.index(["received_at"], "usage_events_received_at"));
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).alterTable("usage_events", (table) => table.dropIndex(["received_at"], "usage_events_received_at"));
    await db.schema.withSchema(schema).alterTable("alert_rules", (table) => table.dropColumns("budget_micros", "currency", "period", "project_id", "key_id"));
  },
};
