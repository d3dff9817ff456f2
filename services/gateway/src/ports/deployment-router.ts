import type { ProviderConfig, ProviderType, Timeouts } from "@llm-serve/adapters";
import type { Principal } from "./authenticator.js";

/** One upstream that can serve a public model. */
export interface Deployment {
  id: string;
  /** The public model name the client used. */
  model: string;
  provider: ProviderType;
  /** The vendor's model id. */
  upstreamModel: string;
  config: ProviderConfig;
  timeouts?: Partial<Timeouts>;
}

export interface AttemptOutcome {
  ok: boolean;
  latencyMs: number;
  /** Set when the attempt failed: whether another deployment may be tried. */
  retryable?: boolean;
}

/**
 * Chooses deployments for a request (routing issue): an ordered list of candidates, the first tried
 * first; retries go down the list. `report` feeds latency, health and circuit breakers.
 */
export interface DeploymentRouter {
  /** Throws AppError `not_found` (model_not_found) when the model does not exist. */
  plan(model: string, endpoint: string, principal: Principal): Deployment[];
  report(deployment: Deployment, outcome: AttemptOutcome): void;
  /** Models this principal may see (GET /v1/models). */
  listModels(principal: Principal): Array<{ id: string; ownedBy: string; createdAtSeconds: number }>;
}
