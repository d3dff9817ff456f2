import type { Knex } from "knex";
import { assertSchemaName } from "./database.js";

export interface Migration {
  /** Sortable, unique and never renamed once released, e.g. `0001_create_models`. */
  name: string;
  up(db: Knex, schema: string): Promise<void>;
  down(db: Knex, schema: string): Promise<void>;
}

export interface MigrationReport {
  applied: string[];
}

/**
 * Runs a service's migrations inside its own schema. Migrations are an explicit, ordered list
 * (no directory scanning), so the compiled service and the TypeScript tests see the same set.
 * Safe to run on every start: applied migrations are recorded and never run twice.
 */
export async function migrateToLatest(db: Knex, schema: string, migrations: readonly Migration[]): Promise<MigrationReport> {
  assertSchemaName(schema);
  const names = migrations.map((migration) => migration.name);
  if (new Set(names).size !== names.length) throw new Error("duplicate migration names");
  // Several instances may start at once: one migrates, the others wait, then find nothing to do.
  // The lock is session-level, held on one dedicated connection for the whole run.
  const lockConnection = await db.client.acquireConnection();
  const lockKey = `llm-serve.migrations.${schema}`;
  try {
    await db.raw("SELECT pg_advisory_lock(hashtext(?))", [lockKey]).connection(lockConnection);
    await db.raw("CREATE SCHEMA IF NOT EXISTS ??", [schema]);
    return await runLatest(db, schema, migrations);
  } finally {
    await db.raw("SELECT pg_advisory_unlock(hashtext(?))", [lockKey]).connection(lockConnection).catch(() => undefined);
    await db.client.releaseConnection(lockConnection);
  }
}

async function runLatest(db: Knex, schema: string, migrations: readonly Migration[]): Promise<MigrationReport> {
  const source: Knex.MigrationSource<Migration> = {
    getMigrations: async () => [...migrations],
    getMigrationName: (migration) => migration.name,
    getMigration: async (migration) => ({
      up: (knex: Knex) => migration.up(knex, schema),
      down: (knex: Knex) => migration.down(knex, schema),
    }),
  };
  const [, applied] = (await db.migrate.latest({
    migrationSource: source,
    schemaName: schema,
    tableName: "knex_migrations",
  })) as [number, string[]];
  return { applied };
}
