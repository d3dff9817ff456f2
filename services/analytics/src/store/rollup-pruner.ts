import type { Knex } from "@llm-serve/common";
import type { RollupPruner } from "../domain/prune-rollups.js";
import type { Granularity } from "../rollups/rollup.js";

/** Rows per DELETE: a large backlog goes in short transactions that never hold many locks at once. */
const BATCH_ROWS = 10_000;

export class SqlRollupPruner implements RollupPruner {
  constructor(private readonly db: Knex) {}

  async deleteBefore(granularity: Granularity, cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      // The primary key starts with (granularity, bucket_start): this reads only the rows that go.
      const result = await this.db.raw(
        `DELETE FROM usage_rollups WHERE ctid IN (SELECT ctid FROM usage_rollups WHERE granularity = ? AND bucket_start < ? LIMIT ${BATCH_ROWS})`,
        [granularity, cutoff],
      );
      const count = Number((result as { rowCount?: number }).rowCount ?? 0);
      total += count;
      if (count < BATCH_ROWS) return total;
    }
  }
}
