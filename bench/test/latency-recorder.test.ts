import { describe, expect, it } from "vitest";
import { LatencyRecorder, percentile } from "../src/load/latency-recorder.js";

describe("LatencyRecorder", () => {
  it("computes exact nearest-rank percentiles at microsecond resolution", () => {
    const recorder = new LatencyRecorder();
    for (let value = 1; value <= 10_000; value += 1) recorder.record(value / 1_000);
    const summary = recorder.summary();
    expect(summary.count).toBe(10_000);
    expect(summary.p50).toBe(5);
    expect(summary.p99).toBe(9.9);
    expect(summary.max).toBe(10);
    expect(summary.mean).toBeCloseTo(5, 2);
  });

  it("keeps sub-millisecond differences that whole-millisecond histograms lose", () => {
    const recorder = new LatencyRecorder();
    for (const value of [0.071, 0.072, 0.4, 0.073]) recorder.record(value);
    expect(recorder.summary().p50).toBe(0.072);
  });

  it("summarises nothing as zeros", () => {
    expect(new LatencyRecorder().summary()).toEqual({ count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
    expect(percentile(new Float64Array(), 50)).toBe(0);
  });
});
