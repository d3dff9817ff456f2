import { DDSketch } from "@datadog/sketches-js";

/**
 * Relative accuracy of every latency and time-to-first-token sketch: a reported percentile is within
 * 1% of the value of a sample at that rank (DDSketch's guarantee). One value for all sketches, since
 * only sketches of the same accuracy merge.
 */
export const SKETCH_RELATIVE_ACCURACY = 0.01;

export function newSketch(): DDSketch {
  return new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
}

/** A stored sketch (DDSketch's protobuf form) as a sketch; null or empty bytes are an empty sketch. */
export function sketchFromBytes(bytes: Uint8Array | null | undefined): DDSketch {
  if (!bytes || bytes.length === 0) return newSketch();
  // fromProto keeps the stored mapping; merging it into a fresh sketch checks the accuracy matches.
  const merged = newSketch();
  merged.merge(DDSketch.fromProto(bytes));
  return merged;
}

export function sketchToBytes(sketch: DDSketch): Buffer {
  return Buffer.from(sketch.toProto());
}

export interface PercentileSummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Percentiles of a (merged) sketch, rounded to 0.01 ms; all zero when it is empty. The mean comes
 * from the exact sum kept beside the sketch (DDSketch's protobuf form does not carry its sum).
 */
export function percentilesOf(sketch: DDSketch, exactSum: number): PercentileSummary {
  if (sketch.count === 0) return { count: 0, p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const at = (quantile: number) => round(sketch.getValueAtQuantile(quantile));
  return { count: sketch.count, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), mean: round(exactSum / sketch.count) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
