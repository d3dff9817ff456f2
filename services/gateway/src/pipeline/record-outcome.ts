import { AppError, toAppError } from "@llm-serve/common";
import type { Usage } from "@llm-serve/adapters";
import type { Deployment } from "../ports/deployment-router.js";
import type { QuotaReservation } from "../ports/quota-gate.js";
import { HTTP_ERRORS } from "../http/error-table.js";
import type { GatewayCall } from "./gateway-call.js";
import type { PipelineDeps } from "./pipeline-deps.js";

export interface Outcome {
  status: "succeeded" | "failed" | "cancelled";
  usage?: Usage;
  deployment?: Deployment;
  error?: unknown;
  timeToFirstTokenMs?: number;
}

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0, cachedPromptTokens: 0, reasoningTokens: 0, audioSeconds: 0, images: 0, estimated: false };

/**
 * Settles the quota reservation with what was actually used and hands the request's one usage
 * event to the usage sink. Both happen for every outcome; neither failure may turn a served answer
 * into an error. The event is taken synchronously and the settlement is scheduled for the next
 * turn, so a caller answers its client without awaiting either (ADR 0011); the returned promise
 * settles with the settlement (a hold that never settles expires on its own).
 */
export function recordOutcome(deps: PipelineDeps, call: GatewayCall, reservation: QuotaReservation, outcome: Outcome): Promise<void> {
  const usage = outcome.usage ?? NO_USAGE;
  // Settled right after the answer is written (the next turn), not before it: a hold lives seconds anyway.
  const settled = new Promise<void>((resolve) =>
    setImmediate(() =>
      deps.quota
        .settle(reservation, { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, totalTokens: usage.totalTokens })
        .catch((error: unknown) => call.logger.error({ err: error }, "quota settlement failed"))
        .then(resolve),
    ),
  );
  const errorCode = outcome.error === undefined ? "" : toAppError(outcome.error).code;
  const httpStatus = outcome.status === "succeeded" ? 200 : outcome.status === "cancelled" ? 499 : HTTP_ERRORS[toAppError(outcome.error).code].status;
  try {
    deps.usage.record({
      requestId: call.requestId,
      keyId: call.principal.keyId,
      projectId: call.principal.projectId,
      orgId: call.principal.orgId,
      model: call.model,
      deploymentId: outcome.deployment?.id ?? "",
      provider: outcome.deployment?.provider ?? "",
      endpoint: call.endpoint,
      usage: {
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        totalTokens: usage.totalTokens,
        cachedPromptTokens: usage.cachedPromptTokens,
        reasoningTokens: usage.reasoningTokens,
        audioMilliseconds: Math.round(usage.audioSeconds * 1000),
        images: usage.images,
      },
      estimated: usage.estimated,
      latencyMs: Math.round(performance.now() - call.startedAt),
      timeToFirstTokenMs: Math.round(outcome.timeToFirstTokenMs ?? 0),
      status: outcome.status,
      errorCode,
      httpStatus,
      stream: call.stream,
      startedAt: call.startedAtIso,
      finishedAt: new Date().toISOString(),
    });
  } catch (error) {
    call.logger.error({ err: error }, "usage event could not be taken");
  }
  return settled.then(() => undefined);
}

/** Refuses new work while the usage sink holds too much it could not store yet (nothing is dropped). */
export function assertRecordingUsage(deps: PipelineDeps): void {
  if (deps.usage.accepting()) return;
  throw new AppError("unavailable", "Usage recording is behind; the gateway takes no new requests until it catches up. Retry shortly.", { retryable: true });
}
