/**
 * What this gateway believes of each deployment right now (live /v1/status): the registry's status
 * and reason, the circuit breaker's state, and the error rate of the breaker's rolling window.
 */
export type LiveStatus = "available" | "degraded" | "unavailable" | "error" | "disabled";

export interface DeploymentHealth {
  /** The deployment's id within its model. */
  id: string;
  provider: string;
  status: LiveStatus;
  registryStatus: string;
  /** The registry's reason when its status is `error`; empty otherwise. */
  reason: string;
  circuit: "closed" | "open" | "half_open";
  /** Attempts and failures in the breaker's rolling window, and failures / attempts (0 when none). */
  recentAttempts: number;
  recentFailures: number;
  errorRate: number;
}

export interface ModelHealth {
  id: string;
  status: LiveStatus;
  registryStatus: string;
  reason: string;
  deployments: DeploymentHealth[];
}
