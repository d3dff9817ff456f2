export interface LatencySummary {
  /** Number of samples. */
  count: number;
  /** Milliseconds, 3 decimals. */
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * Keeps every sample (milliseconds as doubles, microsecond resolution) and computes exact
 * percentiles. A run of a few hundred thousand requests costs a few MB; no histogram bucketing
 * blurs the sub-millisecond differences that the targets are about.
 */
export class LatencyRecorder {
  #samples = new Float64Array(4_096);
  #count = 0;

  record(milliseconds: number): void {
    if (this.#count === this.#samples.length) {
      const grown = new Float64Array(this.#samples.length * 2);
      grown.set(this.#samples);
      this.#samples = grown;
    }
    this.#samples[this.#count] = milliseconds;
    this.#count += 1;
  }

  get count(): number {
    return this.#count;
  }

  summary(): LatencySummary {
    const sorted = this.#samples.slice(0, this.#count).sort();
    if (sorted.length === 0) return { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    let sum = 0;
    for (const value of sorted) sum += value;
    return {
      count: sorted.length,
      mean: round(sum / sorted.length),
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? 0),
    };
  }
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: Float64Array, rank: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 1_000) / 1_000;
}
