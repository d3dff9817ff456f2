import { AppError, toAppError } from "@llm-serve/common";
import { createUsage, isUpstreamError, type Usage } from "@llm-serve/adapters";
import type { QuotaReservation } from "../ports/quota-gate.js";
import { HTTP_ERRORS } from "../http/error-table.js";
import type { AttemptLedger, AttemptRecord } from "./attempt-ledger.js";
import type { GatewayCall } from "./gateway-call.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { toGatewayError } from "./upstream-error-to-app-error.js";

/**
 * Settles the quota reservation with what every attempt was charged, and hands one usage event per
 * attempt that reached a vendor to the usage sink (one with attempt 0 when none did). Both happen
 * for every outcome; neither failure may turn a served answer into an error. The events are taken
 * and the settlement's command handed to the quota gate synchronously; a caller answers its client
 * once that command has left (`settlementSent`: the turn's commands leave in one write) without
 * awaiting Redis's reply (ADR 0011). The returned promise settles with the settlement (at once when
 * the settlement is deferred to the request's kept answer).
 *
 * One reservation per request, settled once with the sum of its attempts: a retry never
 * double-charges the quota, and the quota counters equal the sum of the request's usage events.
 */
export function recordOutcome(deps: PipelineDeps, call: GatewayCall, reservation: QuotaReservation, ledger: AttemptLedger, finalError?: unknown): Promise<void> {
  const attempts = ledger.attempts;
  const total = sumUsage(attempts.map((attempt) => attempt.usage));
  // A cost budget is charged what these attempts' ledger lines will be (ADR 0021).
  const priced = attempts.map((attempt) => ({ ...subjectOf(call, attempt), ...usageOf(attempt) }));
  const settlement = { promptTokens: total.promptTokens, completionTokens: total.completionTokens, totalTokens: total.totalTokens, attempts: priced, startedAt: call.startedAtIso };
  // Told now, with the events below: a kept idempotent answer carries both (ADR 0039).
  const receiptOf = deps.quota.receipt?.bind(deps.quota);
  if (deps.usage.settling && receiptOf) {
    try {
      deps.usage.settling(() => receiptOf(reservation, settlement));
    } catch (error) {
      call.logger.warn({ err: error }, "quota settlement receipt not made");
    }
  }
  // Sent before the caller writes the answer (the caller awaits `settlementSent`): a gateway killed
  // after answering has charged what it answered. Its reply is not awaited (ADR 0011). A request
  // whose answer is kept (an Idempotency-Key) is settled once that answer and its receipt are kept.
  let settled: Promise<void> | undefined;
  const settle = (): Promise<void> | undefined => {
    let settling: Promise<void>;
    try {
      settling = deps.quota.settle(reservation, settlement);
    } catch (error) {
      settling = Promise.reject(error);
    }
    // A throw inside settle (before its own try) is caught too: the hold must never be left.
    settled = settling.catch((error: unknown) => call.logger.error({ err: error }, "quota settlement failed"));
    return deps.quota.sent?.();
  };
  if (call.stream || deps.usage.deferSettlement?.(settle) !== true) settle();
  const finishedAt = new Date().toISOString();
  if (attempts.length === 0) {
    record(deps, call, finishedAt, { number: 0, outcome: "not_sent", usage: createUsage(), served: false, error: finalError ?? new Error("no upstream attempt") }, true);
  }
  // The last attempt is the one whose outcome the client saw (a request has exactly one final event).
  attempts.forEach((attempt, index) => record(deps, call, finishedAt, attempt, index === attempts.length - 1));
  // Deferred to the kept answer: the hold makes it (and its failure is logged there, as here).
  return settled ?? Promise.resolve();
}

/**
 * What a caller awaits after `recordOutcome` and before it writes the answer: the settlement's
 * command has left the process (with the turn's others, in one write), not Redis's reply.
 */
export function settlementSent(deps: PipelineDeps): Promise<void> | undefined {
  try {
    return deps.quota.sent?.();
  } catch {
    return undefined;
  }
}

type EventAttempt = Omit<AttemptRecord, "deployment"> & { deployment?: AttemptRecord["deployment"] };

/** Whose usage and where it ran, as the usage event states it. */
function subjectOf(call: GatewayCall, attempt: EventAttempt) {
  return { orgId: call.principal.orgId, projectId: call.principal.projectId, model: call.model, deploymentId: attempt.deployment?.id ?? "", provider: attempt.deployment?.provider ?? "", endpoint: call.endpoint };
}

/** The attempt's status and usage as its usage event states them (what billing prices). */
function usageOf(attempt: EventAttempt) {
  const { usage } = attempt;
  const cancelled = attempt.outcome === "client_abort" || attempt.outcome === "stopped_reading";
  return {
    status: attempt.outcome === "succeeded" ? "succeeded" : cancelled ? "cancelled" : "failed",
    usage: {
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      totalTokens: usage.totalTokens,
      cachedPromptTokens: usage.cachedPromptTokens,
      reasoningTokens: usage.reasoningTokens,
      audioMilliseconds: Math.round(usage.audioSeconds * 1000),
      images: usage.images,
    },
  };
}

function record(deps: PipelineDeps, call: GatewayCall, finishedAt: string, attempt: EventAttempt, finalAttempt: boolean): void {
  const succeeded = attempt.outcome === "succeeded";
  const cancelled = attempt.outcome === "client_abort" || attempt.outcome === "stopped_reading";
  const stated = usageOf(attempt);
  const vendorError = !succeeded && isUpstreamError(attempt.error) ? attempt.error : undefined;
  const appError = attempt.error === undefined ? undefined : toAppError(toGatewayError(attempt.error));
  const errorCode = succeeded || appError === undefined ? "" : appError.code;
  const httpStatus = succeeded ? 200 : cancelled ? 499 : HTTP_ERRORS[appError?.code ?? "internal"].status;
  try {
    deps.usage.record({
      requestId: call.requestId,
      keyId: call.principal.keyId,
      projectId: call.principal.projectId,
      orgId: call.principal.orgId,
      model: call.model,
      deploymentId: attempt.deployment?.id ?? "",
      provider: attempt.deployment?.provider ?? "",
      endpoint: call.endpoint,
      usage: stated.usage,
      estimated: attempt.usage.estimated,
      latencyMs: Math.round(performance.now() - call.startedAt),
      timeToFirstTokenMs: Math.round(attempt.timeToFirstTokenMs ?? 0),
      status: stated.status,
      errorCode,
      httpStatus,
      stream: call.stream,
      startedAt: call.startedAtIso,
      finishedAt,
      attempt: attempt.number,
      served: attempt.served,
      outcome: attempt.outcome,
      errorType: vendorError?.type ?? "",
      vendorStatus: vendorError?.status ?? 0,
      vendorCode: vendorError?.vendorCode ?? "",
      finalAttempt,
      parameters: call.parameters,
    });
  } catch (error) {
    call.logger.error({ err: error }, "usage event could not be taken");
  }
}

export function sumUsage(usages: readonly Usage[]): Usage {
  return usages.reduce(
    (sum, usage) =>
      createUsage({
        promptTokens: sum.promptTokens + usage.promptTokens,
        completionTokens: sum.completionTokens + usage.completionTokens,
        totalTokens: sum.totalTokens + usage.totalTokens,
        estimated: sum.estimated || usage.estimated,
      }),
    createUsage(),
  );
}

/** Refuses new work while the usage sink holds too much it could not store yet (nothing is dropped). */
export function assertRecordingUsage(deps: PipelineDeps): void {
  if (deps.usage.accepting()) return;
  throw new AppError("unavailable", "Usage recording is behind; the gateway takes no new requests until it catches up. Retry shortly.", { retryable: true });
}
