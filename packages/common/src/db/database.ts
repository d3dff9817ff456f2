import knexFactory, { type Knex } from "knex";
import pg from "pg";

export type { Knex } from "knex";

// int8 (bigint) columns come back as strings by default; every count and money amount we store fits
// far below 2^53, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export interface DatabaseOptions {
  url: string;
  /** The Postgres schema this service owns. Its tables live only there. */
  schema: string;
  poolMax?: number;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return schema;
}

/** A knex instance whose search_path is the service's own schema, so no query reaches another's. */
export function createDatabase(options: DatabaseOptions): Knex {
  const schema = assertSchemaName(options.schema);
  return knexFactory({
    client: "pg",
    connection: options.url,
    searchPath: [schema],
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 10_000,
  });
}
