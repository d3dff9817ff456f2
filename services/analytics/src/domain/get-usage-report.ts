import { AppError, type Logger } from "@llm-serve/common";
import { coverRange } from "../rollups/cover-range.js";
import { assertRetained, rollupCutoffs, type RollupRetention } from "../rollups/rollup-retention.js";
import { bucketStartOf, GRANULARITIES, GRANULARITY_MS, type Granularity, type Rollup } from "../rollups/rollup.js";
import type { RollupFilter, RollupReader } from "../store/rollup-reader.js";
import type { LedgerCost, LedgerCosts } from "./ledger-costs.js";
import { dimensionValues, groupRollups, GROUPINGS, MetricsAccumulator, type CostAmount, type Grouping, type UsageMetrics } from "./usage-report.js";
import { SKETCH_RELATIVE_ACCURACY } from "./usage-sketch.js";

const MAX_RANGE_DAYS = 400;
const MAX_TREND_POINTS = 1_500;
const MAX_TOP = 100;

export interface UsageReportInput {
  filter: RollupFilter & { start: string; end: string };
  groupBy: readonly string[];
  trend: string;
  top: number;
}

export interface UsageReport {
  totals: UsageMetrics;
  groups: Array<{ dimensions: Record<string, string>; metrics: UsageMetrics }>;
  trend: Array<{ bucketStart: string; metrics: UsageMetrics }>;
  topKeys: RankedItem[];
  topModels: RankedItem[];
  relativeAccuracy: number;
  costIncluded: boolean;
}

export interface RankedItem {
  name: string;
  requests: number;
  totalTokens: number;
}

export interface ReportDeps {
  rollups: RollupReader;
  costs: LedgerCosts;
  logger: Logger;
  /** Days each granularity is kept; a range needing deleted rows is refused. Absent: everything is kept. */
  retention?: { days: RollupRetention; clock: () => number };
}

/** A usage report of [start, end) from the rollups, with cost from billing's ledger when it can be matched. */
export async function getUsageReport(deps: ReportDeps, input: UsageReportInput): Promise<UsageReport> {
  const { from, to } = rangeOf(input.filter.start, input.filter.end);
  const groupBy = groupingsOf(input.groupBy);
  const trend = trendOf(input.trend, from, to);
  const top = Math.min(Math.max(0, Math.trunc(input.top)), MAX_TOP);
  const segments = coverRange(from, to, trend ?? "day");
  if (deps.retention) assertRetained(segments, rollupCutoffs(deps.retention.clock(), deps.retention.days), deps.retention.days);
  const rollups = await deps.rollups.read(segments, input.filter);
  const costs = await costsOf(deps, input, groupBy);
  const totals = groupRollups(rollups, () => "").get("") ?? new MetricsAccumulator();
  const groups = [...groupRollups(rollups, (rollup) => JSON.stringify(dimensionValues(rollup, groupBy)))].map(([key, group]) => {
    const dimensions = JSON.parse(key) as Record<string, string>;
    return { dimensions, metrics: group.metrics(costs ? costsMatching(costs, dimensions) : []) };
  });
  return {
    totals: totals.metrics(costs ? costsMatching(costs, {}) : []),
    groups: groupBy.length === 0 ? [] : groups,
    trend: trend ? trendPoints(rollups, trend) : [],
    topKeys: top > 0 ? ranked(rollups, (rollup) => rollup.dimensions.keyId, top) : [],
    topModels: top > 0 ? ranked(rollups, (rollup) => rollup.dimensions.model, top) : [],
    relativeAccuracy: SKETCH_RELATIVE_ACCURACY,
    costIncluded: costs !== undefined,
  };
}

function rangeOf(start: string, end: string): { from: Date; to: Date } {
  const from = wholeMinute(start, "start");
  const to = wholeMinute(end, "end");
  if (to <= from) throw new AppError("invalid_request", "end must be after start", { details: { param: "end" } });
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * GRANULARITY_MS.day) throw new AppError("invalid_request", `the time range may span at most ${MAX_RANGE_DAYS} days`, { details: { param: "start" } });
  return { from, to };
}

function wholeMinute(value: string, param: string): Date {
  const time = Date.parse(value);
  if (value === "" || !Number.isFinite(time)) throw new AppError("invalid_request", `${param} must be an RFC 3339 time`, { details: { param } });
  // Rollups are per minute at the finest: a range inside a minute could not be answered exactly.
  if (time % GRANULARITY_MS.minute !== 0) throw new AppError("invalid_request", `${param} must be a whole minute`, { details: { param } });
  return new Date(time);
}

function groupingsOf(names: readonly string[]): Grouping[] {
  for (const name of names) {
    if (!(name in GROUPINGS)) throw new AppError("invalid_request", `group_by must be any of ${Object.keys(GROUPINGS).join(", ")}`, { details: { param: "group_by" } });
  }
  return [...new Set(names as Grouping[])];
}

function trendOf(name: string, from: Date, to: Date): Granularity | undefined {
  if (name === "") return undefined;
  if (!(GRANULARITIES as readonly string[]).includes(name)) throw new AppError("invalid_request", "trend must be minute, hour or day", { details: { param: "trend" } });
  const granularity = name as Granularity;
  if ((to.getTime() - from.getTime()) / GRANULARITY_MS[granularity] > MAX_TREND_POINTS) {
    throw new AppError("invalid_request", `a trend may have at most ${MAX_TREND_POINTS} points: choose a coarser trend or a shorter range`, { details: { param: "trend" } });
  }
  return granularity;
}

function trendPoints(rollups: readonly Rollup[], trend: Granularity): UsageReport["trend"] {
  const points = groupRollups(rollups, (rollup) => bucketStartOf(rollup.bucketStart, trend).toISOString());
  return [...points].sort(([left], [right]) => left.localeCompare(right)).map(([bucketStart, group]) => ({ bucketStart, metrics: group.metrics() }));
}

function ranked(rollups: readonly Rollup[], nameOf: (rollup: Rollup) => string, top: number): RankedItem[] {
  const groups = groupRollups(rollups, nameOf);
  return [...groups]
    .map(([name, group]) => ({ name, requests: group.counters.requests, totalTokens: group.counters.tokens.totalTokens }))
    .sort((left, right) => right.requests - left.requests || right.totalTokens - left.totalTokens || left.name.localeCompare(right.name))
    .slice(0, top);
}

/**
 * The ledger's sums with the report's filters and groupings (every one is a ledger column, ADR 0028),
 * or undefined when billing is unreachable: no cost rather than a wrong one.
 */
async function costsOf(deps: ReportDeps, input: UsageReportInput, groupBy: readonly Grouping[]): Promise<LedgerCost[] | undefined> {
  try {
    return await deps.costs.sum({ ...input.filter, groupBy });
  } catch (error) {
    deps.logger.warn({ err: error }, "billing's ledger sums are unavailable: the report goes without cost");
    return undefined;
  }
}

function costsMatching(costs: readonly LedgerCost[], dimensions: Record<string, string>): CostAmount[] {
  const byCurrency = new Map<string, CostAmount>();
  for (const cost of costs) {
    const matches = Object.entries(dimensions).every(([name, value]) => cost[GROUPINGS[name as Grouping]] === value);
    if (!matches) continue;
    const sum = byCurrency.get(cost.currency) ?? { currency: cost.currency, amountMicros: 0, lines: 0 };
    byCurrency.set(cost.currency, { currency: cost.currency, amountMicros: sum.amountMicros + cost.amountMicros, lines: sum.lines + cost.lines });
  }
  return [...byCurrency.values()].sort((left, right) => left.currency.localeCompare(right.currency));
}
