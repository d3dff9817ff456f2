import type { Migration } from "@llm-serve/common";

/**
 * The audit trail. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE, so not even a bug in
 * this service can rewrite history.
 */
export const createAuditRecords: Migration = {
  name: "0004_create_audit_records",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("audit_records", (table) => {
      table.bigIncrements("sequence").primary();
      table.text("id").notNullable().unique();
      table.timestamp("occurred_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.text("actor_id").notNullable();
      table.text("actor_role").notNullable();
      table.text("action").notNullable();
      table.text("resource_type").notNullable();
      table.text("resource_id").notNullable();
      table.text("org_id").notNullable().defaultTo("");
      table.text("client_ip").notNullable().defaultTo("");
      table.text("request_id").notNullable().defaultTo("");
      table.jsonb("before").nullable();
      table.jsonb("after").nullable();
      table.index(["org_id", "sequence"]);
      table.index(["resource_id"]);
      table.index(["actor_id"]);
    });
    await db.raw(
      `CREATE FUNCTION ??.audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_records is append-only'; END $$`,
      [schema],
    );
    await db.raw(
      `CREATE TRIGGER audit_records_no_change BEFORE UPDATE OR DELETE ON ??.audit_records
       FOR EACH ROW EXECUTE FUNCTION ??.audit_records_append_only()`,
      [schema, schema],
    );
    await db.raw(
      `CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON ??.audit_records
       FOR EACH STATEMENT EXECUTE FUNCTION ??.audit_records_append_only()`,
      [schema, schema],
    );
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("audit_records");
    await db.raw(`DROP FUNCTION IF EXISTS ??.audit_records_append_only()`, [schema]);
  },
};
