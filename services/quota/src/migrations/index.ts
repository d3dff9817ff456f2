import { outboxMigration, type Migration } from "@llm-serve/common";
import { addAdmissionWait } from "./admission-wait.js";
import { addPolicyOwner } from "./policy-owner.js";
import { completePolicies, createQuotaNotices, createUsageRecords } from "./quota-tables.js";

const createPolicies: Migration = {
  name: "0001_create_quota_policies",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("quota_policies", (table) => {
      table.text("id").primary();
      // "org" | "project" | "key"
      table.text("scope").notNullable();
      table.text("scope_id").notNullable();
      table.bigInteger("requests_per_minute").notNullable().defaultTo(0);
      table.bigInteger("tokens_per_minute").notNullable().defaultTo(0);
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.index(["scope", "scope_id"]);
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("quota_policies");
  },
};

export const migrations: readonly Migration[] = [outboxMigration, createPolicies, completePolicies, createUsageRecords, createQuotaNotices, addAdmissionWait, addPolicyOwner];
