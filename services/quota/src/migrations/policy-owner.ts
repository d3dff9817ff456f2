import type { Migration } from "@llm-serve/common";

/**
 * Who owns each policy: "platform" or "org" (ADR 0016). Policies written before this migration
 * keep their old behaviour as "platform" (an all-model one still stands in for the defaults, and
 * now only a platform admin may change it); operators review them with GET /admin/quota/policies.
 */
export const addPolicyOwner: Migration = {
  name: "0016_quota_policy_owner",
  async up(db, schema) {
    await db.schema.withSchema(schema).alterTable("quota_policies", (table) => {
      table.text("owner").notNullable().defaultTo("platform");
    });
    await db.raw(`ALTER TABLE ??.quota_policies ADD CONSTRAINT quota_policies_owner CHECK (owner IN ('platform', 'org'))`, [schema]);
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).alterTable("quota_policies", (table) => {
      table.dropColumn("owner");
    });
  },
};
