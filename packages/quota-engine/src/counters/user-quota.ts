import { counterWindow, cycleAt, type CounterWindow } from "../period/billing-cycle.js";
import type { AppliedPolicy, PolicyIndex, QuotaSubject } from "../policy/policy-index.js";
import { DIMENSIONS, limitsOf, type DimensionLimit, type FailMode } from "../policy/quota-policy.js";
import type { QuotaSettings } from "../policy/quota-settings.js";
import type { KeyLayout } from "./key-layout.js";
import type { PlannedCounter, Threshold } from "./planned-counter.js";

/** What a request is expected to consume, reserved before the upstream call. */
export interface UsageAmounts {
  tokens: number;
  costMicros: number;
}

export interface PlanContext {
  nowMs: number;
  settings: Pick<QuotaSettings, "timezone" | "warningThresholdsBps">;
  layout: KeyLayout;
  /** How long hold bookkeeping keys outlive their last write. */
  holdKeyTtlMs: number;
}

/** Cycles stay readable this long after they stop counting (late settles, admin reads). */
const BUCKET_RETENTION_MS = 60 * 60 * 1_000;
const DAY_MS = 24 * 60 * 60 * 1_000;

/**
 * The UserQuota aggregate: every policy that limits one caller for one model, and the counters
 * (policy × subject × dimension, in the current billing cycle) a request must fit into, all at once.
 */
export class UserQuota {
  private constructor(readonly applied: readonly AppliedPolicy[]) {}

  static of(index: PolicyIndex, subject: QuotaSubject, model: string): UserQuota {
    return new UserQuota(index.applicable(subject, model));
  }

  static fromApplied(applied: readonly AppliedPolicy[]): UserQuota {
    return new UserQuota(applied);
  }

  get isUnlimited(): boolean {
    return this.applied.length === 0;
  }

  failModes(): Array<{ applied: AppliedPolicy; failMode: FailMode }> {
    return this.applied.map((applied) => ({ applied, failMode: applied.policy.failMode }));
  }

  /** The counters a reservation of `amounts` touches, with the amount it holds on each. */
  plan(amounts: UsageAmounts, context: PlanContext): PlannedCounter[] {
    return this.applied.flatMap((applied) => limitsOf(applied.policy).map((limit) => planCounter(applied, limit, amounts, context)));
  }
}

/** Redis counts in integers: estimates are rounded up, never below zero. */
export function wholeAmount(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.ceil(value)) : 0;
}

function amountFor(limit: DimensionLimit, amounts: UsageAmounts): number {
  switch (DIMENSIONS[limit.dimension].metric) {
    case "requests":
    case "concurrency":
      return 1;
    case "tokens":
      return wholeAmount(amounts.tokens);
    case "cost_micros":
      return wholeAmount(amounts.costMicros);
  }
}

function thresholdsFor(applied: AppliedPolicy, limit: DimensionLimit, defaults: readonly number[]): Threshold[] {
  if (DIMENSIONS[limit.dimension].kind !== "budget") return [];
  const chosen = applied.policy.warningThresholdsBps.length > 0 ? applied.policy.warningThresholdsBps : defaults;
  return chosen.map((bps) => ({ bps, value: Number((BigInt(limit.limit) * BigInt(bps) + 9_999n) / 10_000n) }));
}

/** What a counter's plan holds that is the same for every request within one cycle of its window. */
type CounterStatics = Omit<PlannedCounter, "applied" | "amount">;

// Keys, window, thresholds and the notice's ref are the same for every request of one counter
// within one cycle of a fixed period: built once per (policy object, subject, dimension, cycle),
// frozen and shared. A changed policy is a new object (a new index), so it misses. Concurrency
// counters (timeless: their window moves with `nowMs`) are built per request.
interface CachedStatics {
  prefix: string;
  defaultThresholds: readonly number[];
  defaultTimezone: string;
  validUntilMs: number;
  statics: CounterStatics;
}
let staticsCache = new WeakMap<AppliedPolicy["policy"], Map<string, CachedStatics>>();
let cachedCount = 0;
/** About 2 KiB each: the cache stays under ~10 MiB however many subjects a policy applies to. */
const MAX_CACHED_COUNTERS = 5_000;

function planCounter(applied: AppliedPolicy, limit: DimensionLimit, amounts: UsageAmounts, context: PlanContext): PlannedCounter {
  const statics = limit.period ? cachedStatics(applied, limit, context) : counterStatics(applied, limit, context);
  return { ...statics, applied, amount: amountFor(limit, amounts) };
}

function cachedStatics(applied: AppliedPolicy, limit: DimensionLimit, context: PlanContext): CounterStatics {
  let ofPolicy = staticsCache.get(applied.policy);
  const key = `${applied.subjectId}\n${limit.dimension}`;
  const cached = ofPolicy?.get(key);
  if (
    cached !== undefined &&
    cached.prefix === context.layout.prefix &&
    cached.defaultThresholds === context.settings.warningThresholdsBps &&
    cached.defaultTimezone === context.settings.timezone &&
    context.nowMs >= cached.statics.window.cycles[0]!.startMs &&
    context.nowMs < cached.validUntilMs
  ) {
    return cached.statics;
  }
  const statics = counterStatics(applied, limit, context);
  if (cachedCount >= MAX_CACHED_COUNTERS) {
    staticsCache = new WeakMap();
    cachedCount = 0;
    ofPolicy = undefined;
  }
  if (ofPolicy === undefined) staticsCache.set(applied.policy, (ofPolicy = new Map()));
  if (!ofPolicy.has(key)) cachedCount += 1;
  // Valid while the current cycle is: the window, its reset and the buckets' expiry move with it.
  ofPolicy.set(key, { prefix: context.layout.prefix, defaultThresholds: context.settings.warningThresholdsBps, defaultTimezone: context.settings.timezone, validUntilMs: statics.window.cycles[0]!.endMs, statics });
  return statics;
}

function counterStatics(applied: AppliedPolicy, limit: DimensionLimit, context: PlanContext): CounterStatics {
  const { layout, nowMs } = context;
  const timezone = applied.policy.timezone || context.settings.timezone;
  const base = layout.counterBase(applied.policy.id, applied.subjectId, limit.dimension);
  let window: CounterWindow;
  let bucketExpireAtMs: number;
  let notice: { cycleId: string; startMs: number; endMs: number };
  if (limit.period) {
    window = counterWindow(limit.period, nowMs, timezone);
    const extraDays = limit.period.unit === "rolling_days" ? (limit.period.days ?? 1) - 1 : 0;
    bucketExpireAtMs = window.resetMs + extraDays * DAY_MS + BUCKET_RETENTION_MS;
    notice = { cycleId: window.cycles[0]!.id, startMs: window.startMs, endMs: window.resetMs };
  } else {
    // Concurrency counts what is in flight: one timeless bucket, kept alive by its holds.
    window = { cycles: [{ id: "live", startMs: nowMs, endMs: nowMs }], startMs: nowMs, resetMs: nowMs + 1_000 };
    bucketExpireAtMs = nowMs + context.holdKeyTtlMs;
    const minute = cycleAt("minute", nowMs, timezone);
    notice = { cycleId: minute.id, startMs: minute.startMs, endMs: minute.endMs };
  }
  return freezeShared({
    dimension: limit.dimension,
    info: DIMENSIONS[limit.dimension],
    limit: limit.limit,
    window,
    markerCycleId: notice.cycleId,
    keys: { holds: layout.holds(base), holdRecords: layout.holdRecords(base), queue: layout.queue(base), queueDeadlines: layout.queueDeadlines(base), buckets: window.cycles.map((cycle) => layout.bucket(base, cycle.id)) },
    bucketExpireAtMs,
    thresholds: thresholdsFor(applied, limit, context.settings.warningThresholdsBps),
    ref: {
      policyId: applied.policy.id,
      scope: applied.policy.scope,
      subjectId: applied.subjectId,
      model: applied.policy.model,
      dimension: limit.dimension,
      limit: limit.limit,
      cycleId: notice.cycleId,
      periodStart: new Date(notice.startMs).toISOString(),
      periodEnd: new Date(notice.endMs).toISOString(),
    },
  });
}

/** Shared between requests: nobody may change them (frozen objects refuse, in strict code). */
function freezeShared(statics: CounterStatics): CounterStatics {
  Object.freeze(statics.window.cycles);
  Object.freeze(statics.window);
  Object.freeze(statics.keys.buckets);
  Object.freeze(statics.keys);
  for (const threshold of statics.thresholds) Object.freeze(threshold);
  Object.freeze(statics.thresholds);
  Object.freeze(statics.ref);
  return Object.freeze(statics);
}
