import type { DDSketch } from "@datadog/sketches-js";
import { errorKindOf, TOKEN_KINDS, type InvocationRecord, type TokenCounts } from "../domain/invocation-record.js";
import { newSketch } from "../domain/usage-sketch.js";

export const GRANULARITIES = ["day", "hour", "minute"] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const GRANULARITY_MS: Readonly<Record<Granularity, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** What a rollup row is kept by: the dimensions, plus the error kind so errors break down by type. */
export interface RollupDimensions {
  orgId: string;
  projectId: string;
  keyId: string;
  model: string;
  provider: string;
  deploymentId: string;
  status: string;
  errorKind: string;
}
export const DIMENSION_NAMES = ["orgId", "projectId", "keyId", "model", "provider", "deploymentId", "status", "errorKind"] as const satisfies ReadonlyArray<keyof RollupDimensions>;

/**
 * The additive part of a rollup. Requests count final attempts (one per API request), attempts count
 * every event; latency and time to first token are sketched per request (final attempts; TTFT of
 * streams only), with their exact sums beside the sketches.
 */
export interface RollupCounters {
  requests: number;
  attempts: number;
  tokens: TokenCounts;
  latencySumMs: number;
  ttftSumMs: number;
  latency: DDSketch;
  ttft: DDSketch;
}

export interface Rollup {
  granularity: Granularity;
  bucketStart: Date;
  dimensions: RollupDimensions;
  counters: RollupCounters;
}

export function bucketStartOf(time: Date, granularity: Granularity): Date {
  const size = GRANULARITY_MS[granularity];
  return new Date(Math.floor(time.getTime() / size) * size);
}

export function emptyCounters(): RollupCounters {
  const tokens = Object.fromEntries(TOKEN_KINDS.map((kind) => [kind, 0])) as unknown as TokenCounts;
  return { requests: 0, attempts: 0, tokens, latencySumMs: 0, ttftSumMs: 0, latency: newSketch(), ttft: newSketch() };
}

/** Adds `from` into `into` (sketches merged, never percentiles averaged). */
export function addCounters(into: RollupCounters, from: RollupCounters): RollupCounters {
  into.requests += from.requests;
  into.attempts += from.attempts;
  for (const kind of TOKEN_KINDS) into.tokens[kind] += from.tokens[kind];
  into.latencySumMs += from.latencySumMs;
  into.ttftSumMs += from.ttftSumMs;
  if (from.latency.count > 0) into.latency.merge(from.latency);
  if (from.ttft.count > 0) into.ttft.merge(from.ttft);
  return into;
}

/** Adds one record into counters (values go straight into the sketches: no sketch per record). */
export function addRecord(counters: RollupCounters, record: InvocationRecord): RollupCounters {
  counters.attempts += 1;
  for (const kind of TOKEN_KINDS) counters.tokens[kind] += record.tokens[kind];
  if (!record.finalAttempt) return counters;
  counters.requests += 1;
  counters.latency.accept(record.latencyMs);
  counters.latencySumMs += record.latencyMs;
  if (record.stream && record.timeToFirstTokenMs > 0) {
    counters.ttft.accept(record.timeToFirstTokenMs);
    counters.ttftSumMs += record.timeToFirstTokenMs;
  }
  return counters;
}

export function dimensionsOf(record: InvocationRecord): RollupDimensions {
  const { orgId, projectId, keyId, model, provider, deploymentId, status } = record;
  return { orgId, projectId, keyId, model, provider, deploymentId, status, errorKind: errorKindOf(record) };
}

export function rollupKey(granularity: Granularity, bucketStart: Date, dimensions: RollupDimensions): string {
  return JSON.stringify([granularity, bucketStart.getTime(), ...DIMENSION_NAMES.map((name) => dimensions[name])]);
}

/**
 * The minute, hour and day rollups a set of newly stored records adds, one per bucket and
 * dimensions, in key order (so concurrent writers lock rows in the same order).
 */
export function rollupsOf(records: readonly InvocationRecord[]): Rollup[] {
  const rollups = new Map<string, Rollup>();
  for (const record of records) {
    const dimensions = dimensionsOf(record);
    for (const granularity of GRANULARITIES) {
      const bucketStart = bucketStartOf(record.occurredAt, granularity);
      const key = rollupKey(granularity, bucketStart, dimensions);
      let rollup = rollups.get(key);
      if (!rollup) rollups.set(key, (rollup = { granularity, bucketStart, dimensions, counters: emptyCounters() }));
      addRecord(rollup.counters, record);
    }
  }
  return [...rollups.entries()].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)).map(([, rollup]) => rollup);
}
