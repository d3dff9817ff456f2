import type { CounterWindow } from "../period/billing-cycle.js";
import type { AppliedPolicy } from "../policy/policy-index.js";
import type { Dimension, DimensionInfo } from "../policy/quota-policy.js";

export interface Threshold {
  bps: number;
  /** The usage at which it is crossed: ceil(limit × bps / 10000). */
  value: number;
}

/** Static facts about a counter that travel with a notice (threshold crossing, first denial). */
export interface CounterRef {
  policyId: string;
  scope: string;
  subjectId: string;
  model: string;
  dimension: Dimension;
  limit: number;
  cycleId: string;
  periodStart: string;
  periodEnd: string;
}

/** One counter a reservation touches, with everything the scripts need. */
export interface PlannedCounter {
  applied: AppliedPolicy;
  dimension: Dimension;
  info: DimensionInfo;
  limit: number;
  /** What the reservation holds on it. */
  amount: number;
  window: CounterWindow;
  /** Cycle in which a first denial is noticed (the minute, for concurrency). */
  markerCycleId: string;
  keys: { holds: string; holdRecords: string; queue: string; queueDeadlines: string; buckets: string[] };
  bucketExpireAtMs: number;
  thresholds: Threshold[];
  ref: CounterRef;
}

/** A counter's state as a script left it. */
export interface CounterState {
  counter: PlannedCounter;
  /** Used plus held over the window. */
  committed: number;
  /** Settled usage over the window, where known (refusals): the headers then show used and held apart. */
  used?: number;
}
