interface Lease {
  id: string;
  startedAt: number;
}

/**
 * Counts attempts in progress per deployment (the least-busy strategy). An attempt holds a lease
 * from its start to its report; leases older than `maxAgeMs` are dropped, so a lost report (a
 * planned attempt that never ran: quota refused, client gone) cannot leave a deployment looking
 * busy for long. The price: an attempt running longer than `maxAgeMs` stops being counted.
 */
export class InFlightTracker {
  readonly #leases = new Map<symbol, Lease>();
  readonly #counts = new Map<string, number>();

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  start(id: string): symbol {
    this.#sweep();
    const token = Symbol(id);
    this.#leases.set(token, { id, startedAt: this.now() });
    this.#counts.set(id, (this.#counts.get(id) ?? 0) + 1);
    return token;
  }

  finish(token: symbol): void {
    const lease = this.#leases.get(token);
    if (!lease) return;
    this.#leases.delete(token);
    this.#decrement(lease.id);
  }

  count(id: string): number {
    return this.#counts.get(id) ?? 0;
  }

  #sweep(): void {
    const oldest = this.now() - this.maxAgeMs;
    for (const [token, lease] of this.#leases) {
      if (lease.startedAt >= oldest) continue;
      this.#leases.delete(token);
      this.#decrement(lease.id);
    }
  }

  #decrement(id: string): void {
    const next = (this.#counts.get(id) ?? 1) - 1;
    if (next <= 0) this.#counts.delete(id);
    else this.#counts.set(id, next);
  }
}
