import type { CallContext, ProviderAdapter } from "@llm-serve/adapters";
import { isUpstreamError } from "@llm-serve/adapters";
import type { Deployment } from "../ports/deployment-router.js";
import type { GatewayCall } from "./gateway-call.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { toGatewayError } from "./upstream-error-to-app-error.js";

export interface Attempted<T> {
  value: T;
  deployment: Deployment;
}

export function adapterContext(call: GatewayCall, deployment: Deployment): CallContext {
  return { config: deployment.config, signal: call.signal, requestId: call.requestId, ...(deployment.timeouts ? { timeouts: deployment.timeouts } : {}) };
}

/**
 * Tries the planned deployments in order until one answers. Only retryable upstream failures move
 * on to the next candidate, and never once the client has gone. `attempt` must not have written
 * anything to the client when it throws: retries happen only before the first byte.
 */
export async function attemptDeployments<T>(
  deps: PipelineDeps,
  call: GatewayCall,
  candidates: readonly Deployment[],
  attempt: (adapter: ProviderAdapter, deployment: Deployment) => Promise<T>,
): Promise<Attempted<T>> {
  let lastError: unknown;
  for (const [index, deployment] of candidates.entries()) {
    const started = performance.now();
    try {
      const value = await attempt(deps.adapters.get(deployment.provider), deployment);
      deps.router.report(deployment, { ok: true, latencyMs: performance.now() - started });
      return { value, deployment };
    } catch (error) {
      const retryable = isUpstreamError(error) && error.retryable;
      deps.router.report(deployment, { ok: false, latencyMs: performance.now() - started, retryable });
      lastError = error;
      const more = index < candidates.length - 1;
      if (!retryable || !more || call.signal.aborted) break;
      call.logger.warn({ deploymentId: deployment.id, err: error }, "upstream attempt failed; trying the next deployment");
    }
  }
  throw toGatewayError(lastError);
}
