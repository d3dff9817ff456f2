import type { CallContext, ProviderAdapter } from "@llm-serve/adapters";
import { isUpstreamError } from "@llm-serve/adapters";
import type { Deployment } from "../ports/deployment-router.js";
import { applyParameterPolicy } from "../routing/apply-parameter-policy.js";
import type { GatewayCall } from "./gateway-call.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { toGatewayError } from "./upstream-error-to-app-error.js";

export interface Attempted<T> {
  value: T;
  deployment: Deployment;
  /** 1 for the first deployment tried, 2 for the next, … */
  attempt: number;
}

export function adapterContext(call: GatewayCall, deployment: Deployment): CallContext {
  return { config: deployment.config, signal: call.signal, requestId: call.requestId, ...(deployment.timeouts ? { timeouts: deployment.timeouts } : {}) };
}

/** The vendor request for one deployment: its upstream model id, under the model's parameter policy. */
export function vendorBody<T extends object>(body: T, deployment: Deployment): T & { model: string } {
  return applyParameterPolicy({ ...body, model: deployment.upstreamModel }, deployment.parameters);
}

export interface AttemptOptions<T> {
  /** Tokens an answer used, for the deployment's TPM accounting. */
  tokensOf?: (value: T) => number;
  /** Records a failed attempt (its usage event) before the next one starts or the error leaves. */
  onFailedAttempt?: (deployment: Deployment, attempt: number, error: unknown) => Promise<void>;
}

/**
 * Tries the planned deployments in order until one answers. A retryable upstream failure moves on
 * to the next candidate; when the candidates are exhausted or the failure is not retryable, the
 * model's configured fallbacks for that kind of failure (context window, content policy, …) get
 * one turn. Never after the client has gone, and never once a byte was sent: `attempt` must not
 * have written anything to the client when it throws.
 */
export async function attemptDeployments<T>(
  deps: PipelineDeps,
  call: GatewayCall,
  candidates: readonly Deployment[],
  attempt: (adapter: ProviderAdapter, deployment: Deployment) => Promise<T>,
  options: AttemptOptions<T> = {},
): Promise<Attempted<T>> {
  const queue = [...candidates];
  let fellBack = false;
  let lastError: unknown;
  for (let index = 0; index < queue.length; index += 1) {
    const deployment = queue[index]!;
    const started = performance.now();
    try {
      const value = await attempt(deps.adapters.get(deployment.provider), deployment);
      deps.router.report(deployment, { ok: true, latencyMs: performance.now() - started, ...(options.tokensOf ? { tokens: options.tokensOf(value) } : {}) });
      return { value, deployment, attempt: index + 1 };
    } catch (error) {
      const retryable = isUpstreamError(error) && error.retryable;
      const budgetAllowsRetry = deps.router.report(deployment, { ok: false, latencyMs: performance.now() - started, retryable }) !== false;
      lastError = error;
      await options.onFailedAttempt?.(deployment, index + 1, error);
      if (call.signal.aborted || !isUpstreamError(error)) break;
      const last = index === queue.length - 1;
      // The shared retry budget is spent: neither a retry nor a fallback (both would add load).
      if (retryable && !budgetAllowsRetry) break;
      if (retryable && !last) {
        call.logger.warn({ deploymentId: deployment.id, err: error }, "upstream attempt failed; trying the next deployment");
        continue;
      }
      const fallbacks = fellBack ? [] : (deps.router.fallbacks?.(deployment, error) ?? []);
      if (fallbacks.length === 0) break;
      fellBack = true;
      call.logger.warn({ deploymentId: deployment.id, fallbacks: fallbacks.map((target) => target.id) }, "upstream attempt failed; trying the model's fallbacks");
      queue.splice(index + 1, queue.length, ...fallbacks);
    }
  }
  throw toGatewayError(lastError);
}
