import type { Period } from "./period.js";
import { fromLocalTime, toLocalTime, type LocalTime } from "./zoned-time.js";

/** One instance of a fixed period: a counter's usage is kept per cycle. */
export interface BillingCycle {
  /** Unique within a counter, e.g. `m202611260601`, `d20261126`, `M202611`. */
  id: string;
  startMs: number;
  endMs: number;
}

/**
 * What a counter checks at one instant: the cycles it sums (current first) and when the oldest of
 * them stops counting. A fixed period has one cycle; `rolling_days:N` has N day cycles.
 */
export interface CounterWindow {
  cycles: BillingCycle[];
  startMs: number;
  /** When the window next moves (the `x-ratelimit-reset-*` moment). */
  resetMs: number;
}

type CycleUnit = "minute" | "hour" | "day" | "month";

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function floorLocal(local: LocalTime, unit: CycleUnit): LocalTime {
  switch (unit) {
    case "minute":
      return local;
    case "hour":
      return { ...local, minute: 0 };
    case "day":
      return { ...local, hour: 0, minute: 0 };
    case "month":
      return { ...local, day: 1, hour: 0, minute: 0 };
  }
}

function addUnits(local: LocalTime, unit: CycleUnit, count: number): LocalTime {
  switch (unit) {
    case "minute":
      return { ...local, minute: local.minute + count };
    case "hour":
      return { ...local, hour: local.hour + count };
    case "day":
      return { ...local, day: local.day + count };
    case "month":
      return { ...local, month: local.month + count };
  }
}

function cycleId(local: LocalTime, unit: CycleUnit): string {
  const date = `${local.year}${pad(local.month)}${pad(local.day)}`;
  switch (unit) {
    case "minute":
      return `m${date}${pad(local.hour)}${pad(local.minute)}`;
    case "hour":
      return `h${date}${pad(local.hour)}`;
    case "day":
      return `d${date}`;
    case "month":
      return `M${local.year}${pad(local.month)}`;
  }
}

function computeCycle(unit: CycleUnit, nowMs: number, timeZone: string, offset: number): BillingCycle {
  const floored = addUnits(floorLocal(toLocalTime(nowMs, timeZone), unit), unit, -offset);
  const startMs = fromLocalTime(floored, timeZone);
  const endMs = fromLocalTime(addUnits(floored, unit, 1), timeZone);
  // Ids come from the normalised start, so a rolled-over field (day 0, month 13) never leaks in.
  return Object.freeze({ id: cycleId(toLocalTime(startMs, timeZone), unit), startMs, endMs });
}

// Time-zone arithmetic (Intl) is the costliest step of a reserve; a cycle stays valid until its
// end, so each (unit, zone) keeps its current cycle and earlier ones are keyed by it.
const currentCycles = new Map<string, BillingCycle>();
const earlierCycles = new Map<string, BillingCycle>();
const MAX_EARLIER_CYCLES = 4_096;

/** The cycle of `unit` that contains `nowMs`, `offset` cycles back (0 = current). Frozen, shared. */
export function cycleAt(unit: CycleUnit, nowMs: number, timeZone: string, offset = 0): BillingCycle {
  const zoneKey = `${unit}|${timeZone}`;
  let current = currentCycles.get(zoneKey);
  if (!current || nowMs < current.startMs || nowMs >= current.endMs) {
    current = computeCycle(unit, nowMs, timeZone, 0);
    currentCycles.set(zoneKey, current);
  }
  if (offset === 0) return current;
  const key = `${zoneKey}|${current.id}|${offset}`;
  let earlier = earlierCycles.get(key);
  if (!earlier) {
    if (earlierCycles.size >= MAX_EARLIER_CYCLES) earlierCycles.clear();
    earlier = computeCycle(unit, nowMs, timeZone, offset);
    earlierCycles.set(key, earlier);
  }
  return earlier;
}

export function counterWindow(period: Period, nowMs: number, timeZone: string): CounterWindow {
  if (period.unit === "rolling_days") {
    const days = period.days ?? 1;
    const cycles = Array.from({ length: days }, (_, offset) => cycleAt("day", nowMs, timeZone, offset));
    return { cycles, startMs: cycles.at(-1)!.startMs, resetMs: cycles[0]!.endMs };
  }
  const cycle = cycleAt(period.unit, nowMs, timeZone);
  return { cycles: [cycle], startMs: cycle.startMs, resetMs: cycle.endMs };
}
