/** One upstream a model can be routed to, as the routing engine sees it (transport-free). */
export interface RouteCandidate {
  /** Unique across all models, e.g. `gpt-4o/azure-east`. */
  id: string;
  /** Relative share of traffic under weighted random (> 0). */
  weight: number;
  /** Lower is preferred under the priority strategy. */
  priority: number;
  /** Requests per minute this deployment accepts; 0 = unlimited. */
  rpm: number;
  /** Tokens per minute this deployment accepts; 0 = unlimited. */
  tpm: number;
  /** The registry's last health verdict: unhealthy ones are tried only when nothing else is left. */
  healthy: boolean;
}

export const ROUTING_STRATEGIES = ["weighted_random", "lowest_latency", "least_busy", "priority"] as const;

export type RoutingStrategyName = (typeof ROUTING_STRATEGIES)[number];

export function isRoutingStrategy(value: string): value is RoutingStrategyName {
  return (ROUTING_STRATEGIES as readonly string[]).includes(value);
}

/** What can make a request move to another model than the one asked for. */
export const FAILURE_KINDS = ["context_window", "content_policy", "rate_limit", "unavailable"] as const;

export type FailureKind = (typeof FAILURE_KINDS)[number] | "other";

export interface FallbackRule {
  /** The public name of the model to use instead. */
  model: string;
  /** The failures that send a request there. */
  on: ReadonlyArray<(typeof FAILURE_KINDS)[number]>;
}

/** Everything the engine needs to plan a request for one public model. */
export interface ModelRoute<T extends RouteCandidate> {
  model: string;
  strategy: RoutingStrategyName;
  /** Retries after the first attempt (so at most 1 + maxRetries attempts). */
  maxRetries: number;
  candidates: readonly T[];
  fallbacks: readonly FallbackRule[];
}
