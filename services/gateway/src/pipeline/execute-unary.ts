import { createUsage, type AdapterResult, type CallContext, type ProviderAdapter, type Usage } from "@llm-serve/adapters";
import type { Deployment } from "../ports/deployment-router.js";
import { assertCanUse } from "./access.js";
import { AttemptLedger, chargesPrompt, failedAttemptOutcome } from "./attempt-ledger.js";
import { adapterContext, attemptDeployments } from "./attempt-deployments.js";
import type { GatewayCall } from "./gateway-call.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { assertRecordingUsage, recordOutcome, settlementSent } from "./record-outcome.js";
import { servedHeaders } from "./served-headers.js";
import { checkedVendorUsage } from "./vendor-usage.js";

export interface UnaryOptions<T> {
  estimatedTokens: number;
  exactTokens?: () => Promise<number>;
  invoke: (adapter: ProviderAdapter, deployment: Deployment, context: CallContext) => Promise<AdapterResult<T>>;
  /**
   * The gateway's own count of a call: the prompt, plus the answer's output when there is one.
   * Charged for an attempt cut after its request was sent, and for an answer whose vendor usage is
   * unusable. Without it such attempts are charged nothing (endpoints billed by other units).
   */
  estimateUsage?: (response?: T) => Promise<Usage>;
}

const nothing = async () => createUsage({ estimated: true });

/**
 * The request path of a non-streaming call: scope check → reserve → plan → call (with failover)
 * → settle and record. Returns the vendor's answer and the headers to send with it as soon as the
 * usage events are the sink's and the settlement is scheduled: neither is awaited (ADR 0011).
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
  const estimate = options.estimateUsage ?? nothing;
  const ledger = new AttemptLedger();
  try {
    const candidates = deps.router.plan(call.model, call.endpoint, call.principal);
    const { value, deployment, attempt } = await attemptDeployments(
      deps,
      call,
      candidates,
      (adapter, target) => options.invoke(adapter, target, adapterContext(call, target)),
      {
        tokensOf: (result) => result.usage.totalTokens,
        onFailedAttempt: async (target, number, error) => {
          const outcome = failedAttemptOutcome(error, call.signal.aborted, false);
          if (outcome === "not_sent") return;
          ledger.add({ number, deployment: target, outcome, error, served: false, usage: chargesPrompt(outcome) ? { ...(await estimate()), estimated: true } : createUsage() });
        },
      },
    );
    const usage = await checkedVendorUsage(call, deployment, value.usage, () => estimate(value.response));
    ledger.add({ number: attempt, deployment, outcome: "succeeded", usage, served: true });
    void recordOutcome(deps, call, reservation, ledger);
    await settlementSent(deps);
    return { response: value.response, headers: { ...reservation.headers, ...servedHeaders(deployment, attempt) } };
  } catch (error) {
    void recordOutcome(deps, call, reservation, ledger, error);
    await settlementSent(deps);
    throw error;
  }
}
