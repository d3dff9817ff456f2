import { CapacityTracker } from "./capacity-tracker.js";
import { CircuitBreakers, DEFAULT_CIRCUIT_BREAKER_SETTINGS, type CircuitBreakerSettings } from "./circuit-breakers.js";
import { InFlightTracker } from "./in-flight-tracker.js";
import { LatencyTracker } from "./latency-tracker.js";
import { RetryBudget, type RetryBudgetOptions } from "./retry-budget.js";
import type { FailureKind, ModelRoute, RouteCandidate } from "./route-candidate.js";
import { orderCandidates } from "./strategies/order-candidates.js";

export interface RoutingEngineOptions {
  random?: () => number;
  now?: () => number;
  /** Weight of the newest latency sample in the EWMA. */
  latencyAlpha?: number;
  circuitBreaker?: Partial<CircuitBreakerSettings>;
  retryBudget?: RetryBudgetOptions;
}

/** The ordered attempts for one request: the first is tried first, retries go down the list. */
export interface RoutePlan<T extends RouteCandidate> {
  readonly model: string;
  readonly candidates: readonly T[];
}

export interface AttemptReport {
  ok: boolean;
  latencyMs: number;
  /** For failures: whether the failure was the deployment's (5xx, timeout, 429) and may be retried. */
  retryable?: boolean;
  /** Tokens the attempt used, for TPM capacity. */
  tokens?: number;
}

export interface PlanOptions {
  /** False for a fallback model's plan appended to another: the request was counted already. */
  countRequest?: boolean;
  /** False when the first candidate is not tried at once (a fallback plan): call `begin` when it is. */
  startFirst?: boolean;
}

interface PlanState {
  lease: symbol | undefined;
}

/**
 * Transport-free routing for one process: orders a model's deployments under its strategy, skips
 * open circuits, bounds retries by the model's retry count and a shared retry budget, and learns
 * from every attempt (latency EWMA, in-flight counts, capacity, circuit breakers).
 */
export class RoutingEngine<T extends RouteCandidate> {
  readonly latency: LatencyTracker;
  readonly inFlight: InFlightTracker;
  readonly capacity: CapacityTracker;
  readonly circuits: CircuitBreakers;
  readonly retryBudget: RetryBudget;
  readonly #random: () => number;
  readonly #plans = new WeakMap<RoutePlan<T>, PlanState>();

  constructor(options: RoutingEngineOptions = {}) {
    const now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.latency = new LatencyTracker(options.latencyAlpha);
    this.inFlight = new InFlightTracker(undefined, now);
    this.capacity = new CapacityTracker(now);
    this.circuits = new CircuitBreakers({ ...DEFAULT_CIRCUIT_BREAKER_SETTINGS, ...options.circuitBreaker }, now);
    this.retryBudget = new RetryBudget({ now, ...options.retryBudget });
  }

  /**
   * Plans a request. Returns no candidates when every deployment's circuit is open. The first
   * candidate counts as in flight from now until its report.
   */
  plan(route: ModelRoute<T>, options: PlanOptions = {}): RoutePlan<T> {
    if (options.countRequest !== false) this.retryBudget.deposit();
    const ordered = orderCandidates(route.strategy, route.candidates, {
      random: this.#random,
      latencyOf: (id) => this.latency.average(id),
      inFlightOf: (id) => this.inFlight.count(id),
    });
    const admitted = this.#admit(ordered);
    const attempts = this.retryBudget.canRetry() ? 1 + Math.max(0, route.maxRetries) : 1;
    const plan: RoutePlan<T> = { model: route.model, candidates: cycle(admitted, attempts) };
    this.#plans.set(plan, { lease: undefined });
    if (options.startFirst !== false) this.begin(plan, 0);
    return plan;
  }

  /**
   * Records the outcome of `plan.candidates[index]`; when a retry follows, it starts counting.
   * Returns false when a retry would follow but the retry budget has none left: the caller must
   * stop there (a plan is granted its retries when made, but many plans in flight at once would
   * otherwise all spend them after the budget ran out, which is how retry storms start).
   */
  report(plan: RoutePlan<T>, index: number, outcome: AttemptReport): boolean {
    const candidate = plan.candidates[index];
    const state = this.#plans.get(plan);
    if (!candidate || !state) return true;
    if (state.lease) this.inFlight.finish(state.lease);
    state.lease = undefined;
    if (outcome.ok) this.latency.record(candidate.id, outcome.latencyMs);
    this.capacity.recordTokens(candidate.id, outcome.tokens ?? 0);
    // Client errors (bad request, content policy) say nothing against the deployment.
    this.circuits.record(candidate.id, outcome.ok || outcome.retryable !== true);
    const retryFollows = !outcome.ok && outcome.retryable === true && index + 1 < plan.candidates.length;
    if (!retryFollows) return true;
    if (!this.retryBudget.tryWithdraw()) return false;
    this.begin(plan, index + 1);
    return true;
  }

  /** The fallback models a route names for a kind of failure, in order. */
  fallbackModels(route: ModelRoute<T>, kind: FailureKind): string[] {
    if (kind === "other") return [];
    return route.fallbacks.filter((rule) => rule.on.includes(kind)).map((rule) => rule.model);
  }

  /** Forgets state of deployments that no longer exist (after a configuration change). */
  retain(ids: ReadonlySet<string>): void {
    this.circuits.retain(ids);
  }

  shutdown(): void {
    this.circuits.shutdown();
  }

  /**
   * Open circuits are left out. A half-open circuit's single probe goes first (a failed probe is
   * retried elsewhere, so the client does not see it); then healthy, unsaturated candidates, then
   * saturated ones, then those the registry reports unhealthy.
   */
  #admit(ordered: readonly T[]): T[] {
    const rank = (candidate: T) => (candidate.healthy ? 0 : 2) + (this.capacity.isSaturated(candidate.id, candidate) ? 1 : 0);
    const ranked = ordered
      .filter((candidate) => this.circuits.admits(candidate.id, false))
      .map((candidate, index) => ({ candidate, index, rank: rank(candidate) }))
      .sort((left, right) => left.rank - right.rank || left.index - right.index)
      .map((entry) => entry.candidate);
    const probe = ranked.find((candidate) => this.circuits.state(candidate.id) === "half_open" && this.circuits.admits(candidate.id, true));
    const closed = ranked.filter((candidate) => this.circuits.state(candidate.id) === "closed");
    return probe ? [probe, ...closed] : closed;
  }

  /** Marks `plan.candidates[index]` as being tried now (in flight, counted against capacity). */
  begin(plan: RoutePlan<T>, index: number): void {
    const candidate = plan.candidates[index];
    const state = this.#plans.get(plan);
    if (!candidate || !state) return;
    if (state.lease) this.inFlight.finish(state.lease);
    state.lease = this.inFlight.start(candidate.id);
    this.capacity.recordRequest(candidate.id);
  }
}

/** `count` attempts over the distinct candidates: each retry goes elsewhere while others remain. */
function cycle<T>(candidates: readonly T[], count: number): T[] {
  if (candidates.length === 0) return [];
  return Array.from({ length: count }, (_, index) => candidates[index % candidates.length] as T);
}
