const WINDOW_MS = 60_000;
const BUCKET_MS = 5_000;

interface Usage {
  requests: number;
  tokens: number;
}

/**
 * Requests and tokens each deployment took in the last minute on this instance (12 buckets of
 * 5 s), to steer traffic away from a deployment that has used up its RPM/TPM capacity.
 */
export class CapacityTracker {
  readonly #buckets = new Map<string, Map<number, Usage>>();

  constructor(private readonly now: () => number = Date.now) {}

  recordRequest(id: string): void {
    this.#bucket(id).requests += 1;
  }

  recordTokens(id: string, tokens: number): void {
    if (tokens > 0) this.#bucket(id).tokens += tokens;
  }

  /** Whether the last minute's usage has reached either limit (0 = unlimited). */
  isSaturated(id: string, limits: { rpm: number; tpm: number }): boolean {
    if (limits.rpm <= 0 && limits.tpm <= 0) return false;
    const usage = this.lastMinute(id);
    return (limits.rpm > 0 && usage.requests >= limits.rpm) || (limits.tpm > 0 && usage.tokens >= limits.tpm);
  }

  lastMinute(id: string): Usage {
    const buckets = this.#buckets.get(id);
    const total = { requests: 0, tokens: 0 };
    if (!buckets) return total;
    const oldest = Math.floor((this.now() - WINDOW_MS) / BUCKET_MS);
    for (const [index, usage] of buckets) {
      if (index <= oldest) {
        buckets.delete(index);
        continue;
      }
      total.requests += usage.requests;
      total.tokens += usage.tokens;
    }
    return total;
  }

  #bucket(id: string): Usage {
    let buckets = this.#buckets.get(id);
    if (!buckets) {
      buckets = new Map();
      this.#buckets.set(id, buckets);
    }
    const index = Math.floor(this.now() / BUCKET_MS);
    let usage = buckets.get(index);
    if (!usage) {
      usage = { requests: 0, tokens: 0 };
      buckets.set(index, usage);
    }
    return usage;
  }
}
