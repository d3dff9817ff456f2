import { GRANULARITIES, GRANULARITY_MS, type Granularity } from "./rollup.js";

export interface RangeSegment {
  granularity: Granularity;
  from: Date;
  to: Date;
}

/**
 * Splits [from, to) into the fewest rollup buckets that tile it exactly: whole days in the middle,
 * whole hours at the edges, minutes at their edges. Both ends must be whole minutes. `coarsest`
 * caps the bucket size (a trend of hours must not read day rows).
 */
export function coverRange(from: Date, to: Date, coarsest: Granularity = "day"): RangeSegment[] {
  const levels = GRANULARITIES.slice(GRANULARITIES.indexOf(coarsest));
  return cover(from.getTime(), to.getTime(), levels);
}

function cover(from: number, to: number, levels: readonly Granularity[]): RangeSegment[] {
  if (from >= to) return [];
  const [granularity, ...finer] = levels;
  if (granularity === undefined) throw new Error("no granularity fits the range");
  if (finer.length === 0) return [{ granularity, from: new Date(from), to: new Date(to) }];
  const size = GRANULARITY_MS[granularity];
  const alignedFrom = Math.ceil(from / size) * size;
  const alignedTo = Math.floor(to / size) * size;
  if (alignedFrom >= alignedTo) return cover(from, to, finer);
  return [...cover(from, alignedFrom, finer), { granularity, from: new Date(alignedFrom), to: new Date(alignedTo) }, ...cover(alignedTo, to, finer)];
}
