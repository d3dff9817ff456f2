import type { Knex } from "@llm-serve/common";
import type { RangeSegment } from "../rollups/cover-range.js";
import type { Rollup } from "../rollups/rollup.js";
import { rollupOfRow } from "./rollup-rows.js";

/** Equality filters on rollup dimensions; empty = any. */
export interface RollupFilter {
  orgId: string;
  projectId: string;
  keyId: string;
  model: string;
  provider: string;
  deploymentId: string;
  status: string;
}

const FILTER_COLUMNS: ReadonlyArray<[keyof RollupFilter, string]> = [
  ["orgId", "org_id"],
  ["projectId", "project_id"],
  ["keyId", "key_id"],
  ["model", "model"],
  ["provider", "provider"],
  ["deploymentId", "deployment_id"],
  ["status", "status"],
];

export class RollupReader {
  constructor(private readonly db: Knex) {}

  /** The rollup rows of every segment (each of its own granularity) that match the filter. */
  async read(segments: readonly RangeSegment[], filter: RollupFilter): Promise<Rollup[]> {
    if (segments.length === 0) return [];
    const query = this.db("usage_rollups").where((where) => {
      for (const segment of segments) {
        where.orWhere((one) => one.where("granularity", segment.granularity).andWhere("bucket_start", ">=", segment.from).andWhere("bucket_start", "<", segment.to));
      }
    });
    for (const [name, column] of FILTER_COLUMNS) if (filter[name] !== "") query.andWhere(column, filter[name]);
    const rows: Array<Record<string, unknown>> = await query.orderBy("bucket_start");
    return rows.map(rollupOfRow);
  }
}
