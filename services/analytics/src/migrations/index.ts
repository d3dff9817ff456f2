import { outboxMigration, type Migration } from "@llm-serve/common";
import { createInvocationTables } from "./invocation-tables.js";
import { alertTablesMigration } from "../alerts/store/alert-migration.js";
import { alertBudgetMigration } from "../alerts/store/alert-budget-migration.js";

const createUsageEvents: Migration = {
  name: "0001_create_usage_events",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("usage_events", (table) => {
      // The event id is the idempotency key: a redelivered event is a no-op.
      table.text("event_id").primary();
      table.text("request_id").notNullable();
      table.text("key_id").notNullable();
      table.text("project_id").notNullable();
      table.text("org_id").notNullable();
      table.text("model").notNullable();
      table.text("provider").notNullable();
      table.text("endpoint").notNullable();
      table.text("status").notNullable();
      table.bigInteger("prompt_tokens").notNullable();
      table.bigInteger("completion_tokens").notNullable();
      table.bigInteger("total_tokens").notNullable();
      table.boolean("estimated").notNullable();
      table.jsonb("envelope").notNullable();
      table.jsonb("payload").notNullable();
      table.timestamp("received_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.index(["project_id"]);
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("usage_events");
  },
};

export const migrations: readonly Migration[] = [outboxMigration, createUsageEvents, createInvocationTables, alertTablesMigration, alertBudgetMigration];
