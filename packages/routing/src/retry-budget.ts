export interface RetryBudgetOptions {
  /** Retries allowed as a share of requests over the window (0.2 = one retry per five requests). */
  ratio?: number;
  /** Retries always allowed per second, so that a quiet instance can still retry. */
  minRetriesPerSecond?: number;
  /** How long a request keeps earning retry credit. */
  windowMs?: number;
  now?: () => number;
}

/**
 * A retry budget in the manner of Finagle's: every request deposits `ratio` of a retry, every retry
 * withdraws one, and credit older than the window expires. When upstreams fail broadly, retries stop
 * at `ratio` extra load instead of multiplying it (no retry storms); a floor of
 * `minRetriesPerSecond` keeps retries possible at low traffic.
 */
const BUCKET_MS = 250;

interface Bucket {
  deposits: number;
  withdrawals: number;
}

export class RetryBudget {
  readonly #ratio: number;
  readonly #floor: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #buckets = new Map<number, Bucket>();

  constructor(options: RetryBudgetOptions = {}) {
    this.#ratio = options.ratio ?? 0.2;
    this.#floor = options.minRetriesPerSecond ?? 5;
    this.#windowMs = options.windowMs ?? 10_000;
    this.#now = options.now ?? Date.now;
    if (this.#ratio < 0 || this.#floor < 0 || this.#windowMs <= 0) throw new RangeError("retry budget options must be positive");
  }

  /** Called once per request. */
  deposit(): void {
    this.#current().deposits += 1;
  }

  /** Whether one retry may happen now (does not spend it). */
  canRetry(): boolean {
    return this.balance() >= 1;
  }

  /** Spends one retry if the budget allows it; returns whether it did. */
  tryWithdraw(): boolean {
    if (!this.canRetry()) return false;
    this.#current().withdrawals += 1;
    return true;
  }

  balance(): number {
    const oldest = Math.floor((this.#now() - this.#windowMs) / BUCKET_MS);
    let deposits = 0;
    let withdrawals = 0;
    for (const [index, bucket] of this.#buckets) {
      if (index <= oldest) {
        this.#buckets.delete(index);
        continue;
      }
      deposits += bucket.deposits;
      withdrawals += bucket.withdrawals;
    }
    return deposits * this.#ratio + (this.#floor * this.#windowMs) / 1000 - withdrawals;
  }

  #current(): Bucket {
    const index = Math.floor(this.#now() / BUCKET_MS);
    let bucket = this.#buckets.get(index);
    if (!bucket) {
      bucket = { deposits: 0, withdrawals: 0 };
      this.#buckets.set(index, bucket);
    }
    return bucket;
  }
}
