import type { Logger } from "@llm-serve/common";
import { rollupCutoffs, type RollupRetention } from "../rollups/rollup-retention.js";
import { GRANULARITIES, type Granularity } from "../rollups/rollup.js";

export interface RollupPruner {
  /** Deletes the rows of a granularity whose bucket starts before `cutoff`; returns how many. */
  deleteBefore(granularity: Granularity, cutoff: Date): Promise<number>;
}

/** Deletes the rollup rows past each granularity's retention (ADR 0028); run with the partition maintenance. */
export async function pruneRollups(deps: { rollups: RollupPruner; clock: () => number; logger: Logger }, retention: RollupRetention): Promise<Record<Granularity, number>> {
  const cutoffs = rollupCutoffs(deps.clock(), retention);
  const deleted = { minute: 0, hour: 0, day: 0 };
  for (const granularity of GRANULARITIES) deleted[granularity] = await deps.rollups.deleteBefore(granularity, cutoffs[granularity]);
  if (deleted.minute + deleted.hour + deleted.day > 0) deps.logger.info({ deleted }, "rollups past their retention deleted");
  return deleted;
}
