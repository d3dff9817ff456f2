import CircuitBreaker from "opossum";

export interface CircuitBreakerSettings {
  /** Failure share (percent) over the rolling window that opens the circuit. */
  errorThresholdPercentage: number;
  /** Attempts in the window before the share counts (a single early failure opens nothing). */
  volumeThreshold: number;
  /** Cooldown: how long an open circuit stays open before a half-open probe is let through. */
  resetTimeoutMs: number;
  /** Length of the rolling statistics window. */
  rollingCountTimeoutMs: number;
  /** A half-open probe that never reports frees its slot after this long. */
  probeLeaseMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER_SETTINGS: Readonly<CircuitBreakerSettings> = Object.freeze({
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  resetTimeoutMs: 30_000,
  rollingCountTimeoutMs: 10_000,
  probeLeaseMs: 30_000,
});

export type CircuitState = "closed" | "open" | "half_open";

export type CircuitListener = (id: string, state: CircuitState) => void;

interface Entry {
  breaker: CircuitBreaker<[boolean], void>;
  probeLeasedUntil: number;
}

/** What an attempt tells its breaker: failures that are the deployment's fault count against it. */
function recordOutcome(healthy: boolean): Promise<void> {
  return healthy ? Promise.resolve() : Promise.reject(new Error("deployment attempt failed"));
}

/**
 * One opossum circuit breaker per deployment. The request path does not run its calls through
 * `fire()` (the gateway makes them itself, and streams outlive a promise); instead each attempt's
 * outcome is replayed into the breaker, which keeps opossum's rolling window, thresholds, cooldown
 * timer and half-open transitions. While half-open, exactly one request is let through as the
 * probe: success closes the circuit, failure opens it for another cooldown.
 */
export class CircuitBreakers {
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<CircuitListener>();

  constructor(
    private readonly settings: CircuitBreakerSettings = DEFAULT_CIRCUIT_BREAKER_SETTINGS,
    private readonly now: () => number = Date.now,
  ) {}

  onStateChange(listener: CircuitListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  state(id: string): CircuitState {
    const breaker = this.#entries.get(id)?.breaker;
    if (!breaker || breaker.closed) return "closed";
    return breaker.halfOpen ? "half_open" : "open";
  }

  /**
   * Attempts and failures the breaker saw in its rolling window (what /v1/status reports as the
   * deployment's recent error rate). Attempts refused by an open circuit are not attempts.
   */
  recentOutcomes(id: string): { attempts: number; failures: number } {
    const stats = this.#entries.get(id)?.breaker.stats;
    if (!stats) return { attempts: 0, failures: 0 };
    return { attempts: stats.successes + stats.failures, failures: stats.failures };
  }

  /** Every deployment with a breaker, and its state (the circuit-state gauge). */
  states(): Array<[id: string, state: CircuitState]> {
    return [...this.#entries.keys()].map((id) => [id, this.state(id)]);
  }

  /**
   * Whether a request may go to this deployment now. A half-open circuit admits one probe at a
   * time: the first caller takes the probe slot (`reserveProbe`).
   */
  admits(id: string, reserveProbe: boolean): boolean {
    const entry = this.#entries.get(id);
    if (!entry || entry.breaker.closed) return true;
    if (!entry.breaker.halfOpen) return false;
    if (entry.probeLeasedUntil > this.now()) return false;
    if (reserveProbe) entry.probeLeasedUntil = this.now() + this.settings.probeLeaseMs;
    return true;
  }

  /** Replays an attempt's outcome into the deployment's breaker. */
  record(id: string, healthy: boolean): void {
    const entry = this.#entry(id);
    entry.probeLeasedUntil = 0;
    // Rejections (open circuit, or a probe already taken) are expected here and carry no news.
    entry.breaker.fire(healthy).catch(() => undefined);
  }

  /** Drops breakers of deployments that no longer exist. */
  retain(ids: ReadonlySet<string>): void {
    for (const [id, entry] of this.#entries) {
      if (ids.has(id)) continue;
      entry.breaker.shutdown();
      this.#entries.delete(id);
    }
  }

  shutdown(): void {
    this.retain(new Set());
  }

  #entry(id: string): Entry {
    let entry = this.#entries.get(id);
    if (entry) return entry;
    const breaker = new CircuitBreaker(recordOutcome, {
      timeout: false,
      errorThresholdPercentage: this.settings.errorThresholdPercentage,
      volumeThreshold: this.settings.volumeThreshold,
      resetTimeout: this.settings.resetTimeoutMs,
      rollingCountTimeout: this.settings.rollingCountTimeoutMs,
      rollingCountBuckets: 10,
    });
    breaker.on("open", () => this.#emit(id, "open"));
    breaker.on("halfOpen", () => this.#emit(id, "half_open"));
    breaker.on("close", () => this.#emit(id, "closed"));
    entry = { breaker, probeLeasedUntil: 0 };
    this.#entries.set(id, entry);
    return entry;
  }

  #emit(id: string, state: CircuitState): void {
    for (const listener of this.#listeners) listener(id, state);
  }
}
