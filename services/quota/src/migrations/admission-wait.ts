import type { Migration } from "@llm-serve/common";

/** Bounded waiting of a policy's requests for held room (ADR 0013); NULL = no waiting. */
export const addAdmissionWait: Migration = {
  name: "0005_quota_policies_admission_wait",
  async up(db, schema) {
    await db.schema.withSchema(schema).alterTable("quota_policies", (table) => {
      table.bigInteger("admission_wait_ms").nullable();
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).alterTable("quota_policies", (table) => {
      table.dropColumn("admission_wait_ms");
    });
  },
};
