import { outboxMigration, type Migration } from "@llm-serve/common";
import { modelConfigsMigration } from "./model-configs.js";

const createModels: Migration = {
  name: "0001_create_models",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("models", (table) => {
      table.text("id").primary();
      table.bigInteger("version").notNullable().defaultTo(1);
      table.text("provider_type").notNullable();
      table.text("owned_by").notNullable();
      table.text("status").notNullable().defaultTo("available");
      table.specificType("endpoints", "text[]").notNullable().defaultTo("{}");
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("models");
  },
};

export const migrations: readonly Migration[] = [outboxMigration, createModels, modelConfigsMigration];
