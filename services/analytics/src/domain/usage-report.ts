import { TOKEN_KINDS, type TokenCounts } from "./invocation-record.js";
import { percentilesOf, type PercentileSummary } from "./usage-sketch.js";
import { addCounters, emptyCounters, type Rollup, type RollupCounters, type RollupDimensions } from "../rollups/rollup.js";

/** The dimensions a report may group by, as the API names them. */
export const GROUPINGS = { org: "orgId", project: "projectId", key: "keyId", model: "model", provider: "provider", deployment: "deploymentId", status: "status" } as const satisfies Record<string, keyof RollupDimensions>;
export type Grouping = keyof typeof GROUPINGS;

export interface CostAmount {
  currency: string;
  amountMicros: number;
  lines: number;
}

export interface UsageMetrics {
  requests: number;
  attempts: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  errorsByType: Record<string, number>;
  tokens: TokenCounts;
  latencyMs: PercentileSummary;
  timeToFirstTokenMs: PercentileSummary;
  cost: CostAmount[];
}

/** Sums rollups into one group: counters added, sketches merged, requests split by status. */
export class MetricsAccumulator {
  readonly counters: RollupCounters = emptyCounters();
  readonly byStatus = new Map<string, number>();
  readonly errorsByType = new Map<string, number>();

  add(rollup: Rollup): void {
    addCounters(this.counters, rollup.counters);
    const { status, errorKind } = rollup.dimensions;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + rollup.counters.requests);
    if (errorKind !== "") this.errorsByType.set(errorKind, (this.errorsByType.get(errorKind) ?? 0) + rollup.counters.attempts);
  }

  metrics(cost: CostAmount[] = []): UsageMetrics {
    const { counters } = this;
    return {
      requests: counters.requests,
      attempts: counters.attempts,
      succeeded: this.byStatus.get("succeeded") ?? 0,
      failed: this.byStatus.get("failed") ?? 0,
      cancelled: this.byStatus.get("cancelled") ?? 0,
      errorsByType: Object.fromEntries([...this.errorsByType].sort(([left], [right]) => left.localeCompare(right))),
      tokens: Object.fromEntries(TOKEN_KINDS.map((kind) => [kind, counters.tokens[kind]])) as unknown as TokenCounts,
      latencyMs: percentilesOf(counters.latency, counters.latencySumMs),
      timeToFirstTokenMs: percentilesOf(counters.ttft, counters.ttftSumMs),
      cost,
    };
  }
}

/** Groups rollups by the values of some of their dimensions; the key is the JSON of those values. */
export function groupRollups(rollups: readonly Rollup[], keyOf: (rollup: Rollup) => string): Map<string, MetricsAccumulator> {
  const groups = new Map<string, MetricsAccumulator>();
  for (const rollup of rollups) {
    const key = keyOf(rollup);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new MetricsAccumulator()));
    group.add(rollup);
  }
  return groups;
}

export function dimensionValues(rollup: Pick<Rollup, "dimensions">, groupBy: readonly Grouping[]): Record<string, string> {
  return Object.fromEntries(groupBy.map((name) => [name, rollup.dimensions[GROUPINGS[name]]]));
}
