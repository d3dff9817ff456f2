import { ROLLUP_TOKEN_COLUMNS } from "../migrations/invocation-tables.js";
import { TOKEN_KINDS, type TokenCounts } from "../domain/invocation-record.js";
import { sketchFromBytes, sketchToBytes } from "../domain/usage-sketch.js";
import type { Granularity, Rollup, RollupCounters, RollupDimensions } from "../rollups/rollup.js";

export const KEY_COLUMNS = ["granularity", "bucket_start", "org_id", "project_id", "key_id", "model", "provider", "deployment_id", "status", "error_kind"] as const;

export type RollupRow = Record<string, unknown>;

export function keyValues(rollup: Pick<Rollup, "granularity" | "bucketStart" | "dimensions">): unknown[] {
  const { dimensions: d } = rollup;
  return [rollup.granularity, rollup.bucketStart, d.orgId, d.projectId, d.keyId, d.model, d.provider, d.deploymentId, d.status, d.errorKind];
}

export function keyRow(rollup: Pick<Rollup, "granularity" | "bucketStart" | "dimensions">): RollupRow {
  const values = keyValues(rollup);
  return Object.fromEntries(KEY_COLUMNS.map((column, index) => [column, values[index]]));
}

export function counterColumns(counters: RollupCounters): RollupRow {
  return {
    requests: counters.requests,
    attempts: counters.attempts,
    ...Object.fromEntries(ROLLUP_TOKEN_COLUMNS.map((column, index) => [column, counters.tokens[TOKEN_KINDS[index]!]])),
    latency_sum_ms: counters.latencySumMs,
    ttft_sum_ms: counters.ttftSumMs,
    latency_sketch: counters.latency.count > 0 ? sketchToBytes(counters.latency) : null,
    ttft_sketch: counters.ttft.count > 0 ? sketchToBytes(counters.ttft) : null,
  };
}

export function rollupOfRow(row: RollupRow): Rollup {
  return {
    granularity: String(row.granularity) as Granularity,
    bucketStart: row.bucket_start as Date,
    dimensions: dimensionsOfRow(row),
    counters: countersOfRow(row),
  };
}

export function dimensionsOfRow(row: RollupRow): RollupDimensions {
  return {
    orgId: String(row.org_id),
    projectId: String(row.project_id),
    keyId: String(row.key_id),
    model: String(row.model),
    provider: String(row.provider),
    deploymentId: String(row.deployment_id),
    status: String(row.status),
    errorKind: String(row.error_kind),
  };
}

export function countersOfRow(row: RollupRow): RollupCounters {
  const tokens = Object.fromEntries(ROLLUP_TOKEN_COLUMNS.map((column, index) => [TOKEN_KINDS[index]!, Number(row[column])])) as unknown as TokenCounts;
  return {
    requests: Number(row.requests),
    attempts: Number(row.attempts),
    tokens,
    latencySumMs: Number(row.latency_sum_ms),
    ttftSumMs: Number(row.ttft_sum_ms),
    latency: sketchFromBytes(row.latency_sketch as Buffer | null),
    ttft: sketchFromBytes(row.ttft_sketch as Buffer | null),
  };
}
