import type { Knex } from "@llm-serve/common";
import { addCounters, emptyCounters, rollupKey, type Rollup } from "../rollups/rollup.js";
import { counterColumns, KEY_COLUMNS, keyRow, keyValues, rollupOfRow } from "./rollup-rows.js";

/** Rollup rows per statement: 10 key columns each, far below Postgres's parameter limit. */
const CHUNK_ROWS = 500;

/**
 * Adds rollups into their rows inside the caller's transaction (the one that stored the records
 * they come from, so a replayed event adds nothing and a failed batch adds nothing either).
 * Sketches cannot be merged in SQL: the rows are created if missing, locked in key order (two
 * writers of the same rows cannot deadlock), merged here and written back.
 */
export async function addRollups(transaction: Knex.Transaction, rollups: readonly Rollup[]): Promise<void> {
  for (let start = 0; start < rollups.length; start += CHUNK_ROWS) {
    const chunk = rollups.slice(start, start + CHUNK_ROWS);
    const empty = counterColumns(emptyCounters());
    await transaction("usage_rollups")
      .insert(chunk.map((rollup) => ({ ...keyRow(rollup), ...empty })))
      .onConflict([...KEY_COLUMNS])
      .ignore();
    const locked: Array<Record<string, unknown>> = await transaction("usage_rollups")
      .whereIn([...KEY_COLUMNS], chunk.map(keyValues) as never)
      .orderBy([...KEY_COLUMNS])
      .forUpdate();
    const stored = new Map(locked.map((row) => rollupOfRow(row)).map((rollup) => [rollupKey(rollup.granularity, rollup.bucketStart, rollup.dimensions), rollup]));
    const merged = chunk.map((rollup) => {
      const current = stored.get(rollupKey(rollup.granularity, rollup.bucketStart, rollup.dimensions));
      if (!current) throw new Error("a rollup row vanished inside its transaction");
      return { ...keyRow(rollup), ...counterColumns(addCounters(current.counters, rollup.counters)) };
    });
    // One statement writes every merged row back: the rows exist and are locked, so each "insert" is an update.
    await transaction("usage_rollups").insert(merged).onConflict([...KEY_COLUMNS]).merge();
  }
}
