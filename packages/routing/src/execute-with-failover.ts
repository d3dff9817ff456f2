import type { ModelRoute, RouteCandidate } from "./route-candidate.js";
import type { RoutingEngine } from "./routing-engine.js";

export interface FailoverOptions<T extends RouteCandidate> {
  engine: RoutingEngine<T>;
  route: ModelRoute<T>;
  /** Whether a failure may be retried on another deployment (the adapters' `retryable`). */
  isRetryable: (error: unknown) => boolean;
  /** Stop retrying once this is aborted (the caller went away). */
  signal?: AbortSignal;
  /** Thrown when every circuit of the model is open. */
  noCandidates: () => Error;
  now?: () => number;
}

/**
 * The request-path loop for callers that make whole (non-streamed) calls, such as the assistant
 * service: plan, try candidates in order, report each attempt, retry only retryable failures.
 * The gateway runs its own loop (it must also stop once the first byte has gone to the client).
 */
export async function executeWithFailover<T extends RouteCandidate, R>(options: FailoverOptions<T>, attempt: (candidate: T) => Promise<R>): Promise<R> {
  const now = options.now ?? (() => performance.now());
  const plan = options.engine.plan(options.route);
  if (plan.candidates.length === 0) throw options.noCandidates();
  let lastError: unknown;
  for (const [index, candidate] of plan.candidates.entries()) {
    const started = now();
    try {
      const result = await attempt(candidate);
      options.engine.report(plan, index, { ok: true, latencyMs: now() - started });
      return result;
    } catch (error) {
      const retryable = options.isRetryable(error);
      options.engine.report(plan, index, { ok: false, latencyMs: now() - started, retryable });
      lastError = error;
      if (!retryable || options.signal?.aborted) break;
    }
  }
  throw lastError;
}
