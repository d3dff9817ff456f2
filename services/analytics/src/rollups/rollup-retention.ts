import { AppError } from "@llm-serve/common";
import type { RangeSegment } from "./cover-range.js";
import { GRANULARITY_MS, type Granularity } from "./rollup.js";

/** Days each granularity of rollups is kept (ADR 0028): finer rows are many and only recent ones are read. */
export type RollupRetention = Record<Granularity, number>;

/** Rows of a granularity whose bucket starts before this go. Minute rows go by whole hours and hour rows by whole days, so what stays is still tiled exactly by coarser rows. */
export function rollupCutoffs(now: number, retention: RollupRetention): Record<Granularity, Date> {
  const before = (days: number, unit: number) => new Date(Math.floor((now - days * GRANULARITY_MS.day) / unit) * unit);
  return { minute: before(retention.minute, GRANULARITY_MS.hour), hour: before(retention.hour, GRANULARITY_MS.day), day: before(retention.day, GRANULARITY_MS.day) };
}

export function checkRetention(retention: RollupRetention): void {
  if (!(retention.minute <= retention.hour && retention.hour <= retention.day)) throw new Error("rollup retention: minute rows cannot outlive hour rows, nor hour rows day rows");
}

/**
 * Refuses a report that would read rows already deleted: a range reaching past the minute retention
 * must start and end on whole hours (and past the hour retention, whole days), else its edges would
 * silently count nothing. Returning a smaller number than the truth is worse than a 400.
 */
export function assertRetained(segments: readonly RangeSegment[], cutoffs: Record<Granularity, Date>, retention: RollupRetention): void {
  for (const segment of segments) {
    if (segment.from >= cutoffs[segment.granularity]) continue;
    const param = segment.from.getTime() === segments[0]?.from.getTime() ? "start" : "end";
    const detail = segment.granularity === "day" ? `usage is kept ${retention.day} days` : `${segment.granularity} detail is kept ${retention[segment.granularity]} days: an older range (or trend) must use whole ${segment.granularity === "minute" ? "hours" : "days"}`;
    throw new AppError("invalid_request", `${param}: ${detail} (before ${cutoffs[segment.granularity].toISOString()})`, { details: { param } });
  }
}
