import type { Knex } from "@llm-serve/common";

/**
 * Refuses UPDATE, DELETE and TRUNCATE on a table (as auth-key's audit trail does): money history is
 * only ever appended to, so not even a bug in this service can rewrite it.
 */
export async function makeAppendOnly(db: Knex, schema: string, table: string): Promise<void> {
  await db.raw(
    `CREATE OR REPLACE FUNCTION ??.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`,
    [schema],
  );
  await db.raw(`CREATE TRIGGER ?? BEFORE UPDATE OR DELETE ON ??.?? FOR EACH ROW EXECUTE FUNCTION ??.refuse_change()`, [`${table}_no_change`, schema, table, schema]);
  await db.raw(`CREATE TRIGGER ?? BEFORE TRUNCATE ON ??.?? FOR EACH STATEMENT EXECUTE FUNCTION ??.refuse_change()`, [`${table}_no_truncate`, schema, table, schema]);
}
