import { outboxMigration, type Migration } from "@llm-serve/common";
import { createHierarchyAndUsers } from "./0002-organizations-projects-users.js";
import { keyManagement } from "./0003-key-management.js";
import { createAuditRecords } from "./0004-audit-records.js";

const createApiKeys: Migration = {
  name: "0001_create_api_keys",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("api_keys", (table) => {
      table.text("id").primary();
      table.text("project_id").notNullable();
      table.text("org_id").notNullable();
      // HMAC-SHA256(pepper, key): the key itself is never stored.
      table.binary("key_hash").notNullable().unique();
      table.text("display_prefix").notNullable();
      table.text("last_four").notNullable();
      table.text("status").notNullable().defaultTo("active");
      table.specificType("allowed_models", "text[]").notNullable().defaultTo("{}");
      table.specificType("allowed_endpoints", "text[]").notNullable().defaultTo("{}");
      table.timestamp("expires_at", { useTz: true }).nullable();
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("api_keys");
  },
};

// Released migrations are never edited: changes come as new entries at the end.
export const migrations: readonly Migration[] = [outboxMigration, createApiKeys, createHierarchyAndUsers, keyManagement, createAuditRecords];
