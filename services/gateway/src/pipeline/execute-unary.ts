import type { AdapterResult, CallContext, ProviderAdapter } from "@llm-serve/adapters";
import type { Deployment } from "../ports/deployment-router.js";
import { assertCanUse } from "./access.js";
import { adapterContext, attemptDeployments } from "./attempt-deployments.js";
import type { GatewayCall } from "./gateway-call.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { assertRecordingUsage, recordOutcome } from "./record-outcome.js";

export interface UnaryOptions<T> {
  estimatedTokens: number;
  exactTokens?: () => Promise<number>;
  invoke: (adapter: ProviderAdapter, deployment: Deployment, context: CallContext) => Promise<AdapterResult<T>>;
}

/**
 * The request path of a non-streaming call: scope check → plan → reserve → call (with failover)
 * → settle and record. Returns the vendor's answer and the headers to send with it as soon as the
 * usage event is the sink's and the settlement is scheduled: neither is awaited (ADR 0011).
 */
export async function executeUnary<T>(deps: PipelineDeps, call: GatewayCall, options: UnaryOptions<T>): Promise<{ response: T; headers: Record<string, string> }> {
  assertCanUse(call.principal, call.model, call.endpoint);
  assertRecordingUsage(deps);
  // Reserve before planning: a plan leases in-flight slots that a refused request would leave behind.
  const reservation = await deps.quota.reserve({
    principal: call.principal,
    model: call.model,
    endpoint: call.endpoint,
    estimatedTokens: options.estimatedTokens,
    exactTokens: options.exactTokens,
    requestId: call.requestId,
    signal: call.signal,
  });
  try {
    const candidates = deps.router.plan(call.model, call.endpoint, call.principal);
    const { value, deployment } = await attemptDeployments(
      deps,
      call,
      candidates,
      (adapter, target) => options.invoke(adapter, target, adapterContext(call, target)),
      { tokensOf: (result) => result.usage.totalTokens },
    );
    void recordOutcome(deps, call, reservation, { status: "succeeded", usage: value.usage, deployment });
    return { response: value.response, headers: reservation.headers };
  } catch (error) {
    void recordOutcome(deps, call, reservation, { status: call.signal.aborted ? "cancelled" : "failed", error });
    throw error;
  }
}
