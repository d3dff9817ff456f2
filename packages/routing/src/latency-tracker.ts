/**
 * Exponentially weighted moving average of each deployment's latency. Recent attempts count most,
 * so a deployment that slows down loses traffic within a few requests and one that recovers wins
 * it back.
 */
export class LatencyTracker {
  readonly #averages = new Map<string, number>();

  /** `alpha` is the weight of the newest sample (0 < alpha ≤ 1). */
  constructor(private readonly alpha = 0.3) {
    if (!(alpha > 0 && alpha <= 1)) throw new RangeError("alpha must be in (0, 1]");
  }

  record(id: string, latencyMs: number): void {
    const previous = this.#averages.get(id);
    this.#averages.set(id, previous === undefined ? latencyMs : previous + this.alpha * (latencyMs - previous));
  }

  /** Undefined until the first sample: unmeasured deployments are tried before measured ones. */
  average(id: string): number | undefined {
    return this.#averages.get(id);
  }

  forget(id: string): void {
    this.#averages.delete(id);
  }
}
