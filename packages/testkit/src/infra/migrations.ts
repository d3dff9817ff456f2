import { createDatabase, migrateToLatest, type Knex, type Migration } from "@llm-serve/common";
import { INFRA, uniqueId } from "./environment.js";

export interface SchemaSnapshot {
  columns: string[];
  indexes: string[];
  migrations: string[];
}

async function snapshot(db: Knex, schema: string): Promise<SchemaSnapshot> {
  const columns = await db.raw(
    `SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable AS entry
       FROM information_schema.columns WHERE table_schema = ? ORDER BY 1`,
    [schema],
  );
  const indexes = await db.raw(`SELECT indexdef AS entry FROM pg_indexes WHERE schemaname = ? ORDER BY 1`, [schema]);
  const migrations = await db.withSchema(schema).table("knex_migrations").select("name").orderBy("id");
  return {
    columns: columns.rows.map((row: { entry: string }) => row.entry),
    indexes: indexes.rows.map((row: { entry: string }) => row.entry),
    migrations: migrations.map((row: { name: string }) => row.name),
  };
}

/**
 * Runs a service's migrations from zero in a fresh schema, then again, and returns what each run
 * applied and what the schema looked like after each: the second run must change nothing.
 */
export async function migrateTwice(migrations: readonly Migration[]): Promise<{
  first: { applied: string[]; snapshot: SchemaSnapshot };
  second: { applied: string[]; snapshot: SchemaSnapshot };
}> {
  const schema = uniqueId("mig_");
  const db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
  try {
    const firstRun = await migrateToLatest(db, schema, migrations);
    const first = { applied: firstRun.applied, snapshot: await snapshot(db, schema) };
    const secondRun = await migrateToLatest(db, schema, migrations);
    const second = { applied: secondRun.applied, snapshot: await snapshot(db, schema) };
    return { first, second };
  } finally {
    await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]).catch(() => undefined);
    await db.destroy();
  }
}
