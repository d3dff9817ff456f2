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
  index: number;
  deposits: number;
  withdrawals: number;
}

export class RetryBudget {
  readonly #ratio: number;
  readonly #floor: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  /** Oldest first; their sums are kept as they change, so that a balance allocates nothing. */
  readonly #buckets: Bucket[] = [];
  #deposits = 0;
  #withdrawals = 0;

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
    this.#deposits += 1;
  }

  /** Whether one retry may happen now (does not spend it). */
  canRetry(): boolean {
    return this.balance() >= 1;
  }

  /** Spends one retry if the budget allows it; returns whether it did. */
  tryWithdraw(): boolean {
    if (!this.canRetry()) return false;
    this.#current().withdrawals += 1;
    this.#withdrawals += 1;
    return true;
  }

  balance(): number {
    this.#expire(this.#now());
    return this.#deposits * this.#ratio + (this.#floor * this.#windowMs) / 1000 - this.#withdrawals;
  }

  /** Drops the buckets that left the window, and their credit. */
  #expire(now: number): void {
    const oldest = Math.floor((now - this.#windowMs) / BUCKET_MS);
    let expired = 0;
    while (expired < this.#buckets.length && this.#buckets[expired]!.index <= oldest) {
      this.#deposits -= this.#buckets[expired]!.deposits;
      this.#withdrawals -= this.#buckets[expired]!.withdrawals;
      expired += 1;
    }
    if (expired > 0) this.#buckets.splice(0, expired);
  }

  #current(): Bucket {
    const now = this.#now();
    const index = Math.floor(now / BUCKET_MS);
    const last = this.#buckets.at(-1);
    if (last !== undefined && last.index >= index) return last;
    this.#expire(now);
    const bucket = { index, deposits: 0, withdrawals: 0 };
    this.#buckets.push(bucket);
    return bucket;
  }
}
