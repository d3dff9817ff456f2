import type { Knex } from "@llm-serve/common";

const DAY_MS = 86_400_000;
/** Serialises partition DDL across analytics instances (two CREATEs of one partition would collide). */
const PARTITION_LOCK = "analytics.invocation_records.partitions";
const PARTITION_NAME = /^invocation_records_p(\d{4})(\d{2})(\d{2})$/;

/**
 * The daily partitions of invocation_records: which exist, creating and dropping them. Knows the
 * days it has seen, so the write path asks Postgres only about a day it has not met yet.
 */
export class RecordPartitions {
  readonly #known = new Set<number>();

  constructor(private readonly db: Knex) {}

  /** Start of each day with a partition, oldest first. */
  async list(): Promise<Date[]> {
    const { rows } = await this.db.raw<{ rows: Array<{ name: string }> }>(
      `SELECT child.relname AS name FROM pg_inherits
         JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
         JOIN pg_class child ON child.oid = pg_inherits.inhrelid
         JOIN pg_namespace ns ON ns.oid = parent.relnamespace
       WHERE parent.relname = 'invocation_records' AND ns.nspname = current_schema()`,
    );
    const days = rows.flatMap((row) => {
      const match = PARTITION_NAME.exec(row.name);
      return match ? [Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))] : [];
    });
    for (const day of days) this.#known.add(day);
    return days.sort((left, right) => left - right).map((day) => new Date(day));
  }

  /** Creates the partitions of the given days that do not exist yet. */
  async ensure(days: readonly Date[]): Promise<Date[]> {
    const missing = [...new Set(days.map(startOfDay))].filter((day) => !this.#known.has(day));
    if (missing.length === 0) return [];
    await this.db.transaction(async (transaction) => {
      await transaction.raw("SELECT pg_advisory_xact_lock(hashtext(?))", [PARTITION_LOCK]);
      for (const day of missing) {
        // DDL takes no bind parameters; the bounds are ISO strings made from numbers here.
        const bounds = `FROM ('${new Date(day).toISOString()}') TO ('${new Date(day + DAY_MS).toISOString()}')`;
        await transaction.raw(`CREATE TABLE IF NOT EXISTS ?? PARTITION OF invocation_records FOR VALUES ${bounds}`, [partitionName(day)]);
      }
    });
    for (const day of missing) this.#known.add(day);
    return missing.map((day) => new Date(day));
  }

  /** Drops every partition of a day before `before` (its records go; rollups stay). */
  async dropBefore(before: Date): Promise<Date[]> {
    const old = (await this.list()).filter((day) => day.getTime() < startOfDay(before));
    if (old.length === 0) return [];
    await this.db.transaction(async (transaction) => {
      await transaction.raw("SELECT pg_advisory_xact_lock(hashtext(?))", [PARTITION_LOCK]);
      for (const day of old) await transaction.raw("DROP TABLE IF EXISTS ??", [partitionName(day.getTime())]);
    });
    for (const day of old) this.#known.delete(day.getTime());
    return old;
  }
}

export function startOfDay(time: Date | number): number {
  const value = typeof time === "number" ? time : time.getTime();
  return Math.floor(value / DAY_MS) * DAY_MS;
}

function partitionName(day: number): string {
  return `invocation_records_p${new Date(day).toISOString().slice(0, 10).replaceAll("-", "")}`;
}
