import type { ProviderConfig, ProviderType, Timeouts } from "@llm-serve/adapters";
import type { ParameterPolicy } from "../routing/apply-parameter-policy.js";
import type { Principal } from "./authenticator.js";
import type { ModelHealth } from "./deployment-health.js";

/** One upstream that can serve a public model. */
export interface Deployment {
  /** `<model>/<deployment>`, unique across models (usage events carry it). */
  id: string;
  /**
   * The public model this deployment belongs to: the one the client asked for, or, for a
   * deployment of a configured fallback model, that fallback model's name.
   */
  model: string;
  provider: ProviderType;
  /** The vendor's model id. */
  upstreamModel: string;
  config: ProviderConfig;
  timeouts?: Partial<Timeouts>;
  /**
   * The model's parameter defaults, overrides and bounds: apply them to the vendor request with
   * `applyParameterPolicy(body, deployment.parameters)` (src/routing/apply-parameter-policy.ts).
   */
  parameters?: ParameterPolicy;
}

export interface AttemptOutcome {
  ok: boolean;
  latencyMs: number;
  /** Set when the attempt failed: whether another deployment may be tried. */
  retryable?: boolean;
  /** Tokens the attempt used (prompt + completion), for the deployment's TPM capacity. */
  tokens?: number;
}

export interface PublicModel {
  id: string;
  ownedBy: string;
  createdAtSeconds: number;
}

export interface PublicProvider {
  /** Provider type, e.g. `openai`. */
  id: string;
  /** Public models (visible to the principal) that this provider serves. */
  models: string[];
}

/**
 * Chooses deployments for a request (routing issue): an ordered list of candidates, the first tried
 * first; retries go down the list. `report` feeds latency, health and circuit breakers: every
 * attempt must be reported once, in order.
 */
export interface DeploymentRouter {
  /** Throws AppError `not_found` (model_not_found) when the model does not exist. */
  plan(model: string, endpoint: string, principal: Principal): Deployment[];
  /**
   * Returns false when the failed attempt may not be retried on the next candidate because the
   * shared retry budget is spent (no retry storms): the caller stops there. Anything else allows it.
   */
  report(deployment: Deployment, outcome: AttemptOutcome): boolean | void;
  /**
   * Deployments of the fallback models configured for the way `failed` failed (context window,
   * content policy, rate limit, unavailable); empty when none. For failures that end the
   * candidate list, e.g. a non-retryable context-window error.
   */
  fallbacks?(failed: Deployment, error: unknown): Deployment[];
  /**
   * The most output tokens the model can produce in one answer (0 when unknown): what a request
   * that names no max_tokens reserves against quotas, so its usage can never exceed its reservation.
   */
  outputLimit?(model: string): number;
  /**
   * The bound a request's own max_tokens is clamped to before it reaches the vendor (the model's
   * runtime bound, else its maximum output; 0 when none): a larger max_tokens holds only this.
   */
  maxTokensBound?(model: string): number;
  /** Models this principal may see (GET /v1/models). */
  listModels(principal: Principal): PublicModel[];
  /** The live health of the models this principal may see (GET /v1/status). */
  health?(principal: Principal): ModelHealth[];
  /** Every deployment's circuit state (the circuit-state gauge of /metrics). */
  circuitStates?(): Array<[deploymentId: string, state: "closed" | "open" | "half_open"]>;
  /** Providers behind the models this principal may see (GET /v1/providers). */
  listProviders?(principal: Principal): PublicProvider[];
}
