import { outboxMigration, type Migration } from "@llm-serve/common";

const createAssistants: Migration = {
  name: "0001_create_assistants",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("assistants", (table) => {
      table.text("id").primary();
      table.text("model").notNullable();
      table.text("name").notNullable().defaultTo("");
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("assistants");
  },
};

export const migrations: readonly Migration[] = [outboxMigration, createAssistants];
