import { randomUUID } from "node:crypto";
import { AppError, type Logger } from "@llm-serve/common";
import { UserQuota, costHoldMicros, isPriced, settledCostMicros, type Denial, type QuotaEngine, type Reservation, type ReserveDecision, type ReserveInput, type SettlementReceipt } from "@llm-serve/quota-engine";
import type { AdmissionWaiter } from "./admission-waiter.js";
import type { QuotaGate, QuotaRequest, QuotaReservation, SettledUsage } from "../ports/quota-gate.js";
import { denialError } from "./denial-error.js";
import type { FailOpenReason, FailOpenReporter } from "./fail-open-reporter.js";
import type { PendingSettlements } from "./pending-settlements.js";
import type { CachedPolicies, PolicyCache } from "./policy-cache.js";
import type { DecisionOutcome, QuotaMetrics } from "./quota-metrics.js";

export interface RedisQuotaGateDeps {
  engine: QuotaEngine;
  cache: PolicyCache;
  reporter: FailOpenReporter;
  pending: PendingSettlements;
  metrics: QuotaMetrics;
  logger: Logger;
  /** What to do while no policy snapshot has been loaded yet. */
  unloadedMode: "open" | "closed";
  /** Wake-ups of queued requests (absent: no request waits, whatever its policy says). */
  waiter?: AdmissionWaiter;
  /** The platform's cap on any policy's admission wait (ms). */
  admissionWaitMaxMs?: number;
}

type Decision = ReserveDecision | { outcome: "unreachable" };

/** A queued request re-checks this often even without a wake-up (a lost pub/sub message). */
const WAIT_SAFETY_RECHECK_MS = 2_000;

/** What settle needs to know about a reservation it handed out. */
interface Held {
  reservation: Reservation;
  request: QuotaRequest;
  cached: CachedPolicies;
}

const NO_HEADERS: Record<string, string> = {};

/**
 * The quota port of the request path: one Lua script on Redis per reserve and per settle, against
 * the policies cached in this gateway. Redis unreachable (or rebuilding) applies each policy's fail
 * mode: any fail-closed policy refuses with 503; otherwise the request goes through unchecked,
 * reported by the FailOpenReporter, and its usage is still charged once Redis answers.
 */
export class RedisQuotaGate implements QuotaGate {
  readonly #held = new WeakMap<QuotaReservation, Held>();
  #unloadedWarnedAt = 0;

  constructor(private readonly deps: RedisQuotaGateDeps) {}

  async reserve(request: QuotaRequest): Promise<QuotaReservation> {
    const cached = this.deps.cache.current;
    if (!cached) return this.#unloaded(request);
    const quota = UserQuota.of(cached.index, request.principal, request.model);
    if (quota.isUnlimited) return this.#count("unlimited", { id: request.requestId, headers: NO_HEADERS });
    refuseUnpricedUnderCostBudget(quota, cached, request.model);
    // One id for every attempt: it is also the request's ticket in the admission queues.
    const reservationId = randomUUID();
    const waitMs = this.deps.waiter ? (this.deps.admissionWaitMaxMs ?? 0) : 0;
    let input = reserveInput(quota, cached, request, request.estimatedTokens, reservationId);
    // The bound spares the tokenizer far from the limit; near it, the tokenizer's count decides.
    // Only the final answer records a refusal (the exceeded notice): a request admitted by its
    // count must not be reported as refused, nor one refused with the bound's figure.
    const final = request.exactTokens === undefined;
    let decision = await this.#attempt(input, { recordDenials: final, waitMs: final ? waitMs : 0 });
    if (decision.outcome === "denied" && request.exactTokens) {
      // A smaller count helps only against tokens or cost; otherwise the same bound is asked again.
      const exact = refusedOnlyOnTokens(decision.denials) ? await request.exactTokens() : undefined;
      if (exact !== undefined && exact < request.estimatedTokens) input = reserveInput(quota, cached, request, exact, reservationId);
      decision = await this.#attempt(input, { recordDenials: true, waitMs });
    }
    if (decision.outcome === "queued") decision = await this.#waitInLine(input, decision, request.signal);
    switch (decision.outcome) {
      case "admitted":
        return this.#count("admitted", this.#hand(decision.reservation, request, cached, decision.reservation.headers));
      case "denied":
      case "queued": {
        const error = denialError(decision.denials, decision.headers);
        this.#count(error.code === "quota_exceeded" ? "quota_exceeded" : "rate_limited", undefined);
        throw error;
      }
      case "state_lost":
        return this.#failMode(quota, input, request, cached, "counters_rebuilding");
      case "unreachable":
        return this.#failMode(quota, input, request, cached, "redis_unavailable");
    }
  }

  async settle(reservation: QuotaReservation, usage: SettledUsage): Promise<void> {
    const held = this.#held.get(reservation);
    if (!held) return;
    this.#held.delete(reservation);
    const actual = { tokens: usage.totalTokens, costMicros: settledCost(held, usage) };
    try {
      const result = await this.deps.engine.settle(held.reservation, actual);
      if (result.outcome === "state_lost") this.deps.logger.debug({ requestId: held.reservation.requestId }, "settled while the counters were being rebuilt: the usage record covers it");
    } catch (error) {
      // Redis answered with an error: the same call would fail again, so it is not retried (the
      // hold expires on its own; the usage record still has the request). Only an unreachable
      // Redis is worth retrying.
      if ((error as Error).name === "ReplyError") {
        this.deps.logger.error({ err: error, requestId: held.reservation.requestId }, "quota settlement refused by Redis; not retried");
        return;
      }
      this.deps.logger.warn({ err: error, requestId: held.reservation.requestId }, "quota settlement could not reach Redis; retrying in the background");
      this.deps.pending.add(held.reservation, actual);
    }
  }

  sent(): Promise<void> | undefined {
    return this.deps.engine.sent();
  }

  receipt(reservation: QuotaReservation, usage: SettledUsage): SettlementReceipt | undefined {
    const held = this.#held.get(reservation);
    return held && this.deps.engine.receipt(held.reservation, { tokens: usage.totalTokens, costMicros: settledCost(held, usage) });
  }

  async settleAgain(receipt: unknown): Promise<void> {
    if (!isReceipt(receipt)) return;
    try {
      const outcome = await this.deps.engine.settleReceipt(receipt);
      if (outcome === "settled") this.deps.logger.info({ requestId: receipt.requestId }, "settled a kept answer's quota on its replay: its gateway had not");
      if (outcome === "too_old") this.deps.logger.debug({ requestId: receipt.requestId }, "a kept answer's settlement is too old to make again safely");
    } catch (error) {
      // Redis away: the hold lapses, and the usage record still has the request.
      this.deps.logger.warn({ err: error, requestId: receipt.requestId }, "a kept answer's settlement could not be made again");
    }
  }

  release(reservation: QuotaReservation, usage: SettledUsage): void {
    const held = this.#held.get(reservation);
    if (!held) return;
    // The bound at the tokens actually used: never below what settlement charges a moment later.
    const actual = { tokens: usage.totalTokens, costMicros: costHold(held.cached, held.request, usage.totalTokens) };
    // Best effort: if it fails, settlement releases the same room a moment later.
    void this.deps.engine.shrink(held.reservation, actual).catch((error: unknown) => this.deps.logger.debug({ err: error, requestId: held.reservation.requestId }, "unused part of a hold not released early"));
  }

  /**
   * A request refused only by holds of requests in flight, queued in the counters' FIFO queues:
   * sleeps until the gateway that frees room wakes it (pub/sub), then reserves again, until
   * admitted, refused for good, past its deadline (the shortest wait of the refusing policies,
   * capped by the platform), or its client leaves (it then leaves the queues).
   */
  async #waitInLine(input: ReserveInput & { reservationId: string }, queued: Extract<ReserveDecision, { outcome: "queued" }>, signal: AbortSignal | undefined): Promise<Decision> {
    const waiter = this.deps.waiter!;
    const allowed = Math.min(this.deps.admissionWaitMaxMs ?? 0, ...queued.denials.map((denial) => denial.counter.applied.policy.admissionWaitMs ?? 0));
    const deadline = performance.now() + allowed;
    this.deps.metrics.waits.inc();
    let decision: Decision = queued;
    while (decision.outcome === "queued") {
      const left = deadline - performance.now();
      const end = left > 0 ? await waiter.wait(input.reservationId, Math.min(left, WAIT_SAFETY_RECHECK_MS), signal) : "timeout";
      if (end === "aborted") {
        await this.deps.engine.leave(input).catch((error: unknown) => this.deps.logger.warn({ err: error, requestId: input.requestId }, "a waiter whose client left could not leave the queue; its ticket expires"));
        return { ...decision, outcome: "denied" };
      }
      // Past the deadline the last attempt waits no more: refused, it leaves every queue.
      const remaining = Math.max(0, Math.floor(deadline - performance.now()));
      decision = await this.#attempt(input, { recordDenials: true, waitMs: remaining });
    }
    // Redis away or rebuilding mid-wait: the fail modes decide; the waiting slot expires on its own.
    if (decision.outcome === "unreachable" || decision.outcome === "state_lost") this.deps.engine.abandon(input.reservationId);
    return decision;
  }

  /** One reserve script; an error answer becomes `unreachable`, to which the fail modes apply. */
  async #attempt(input: ReserveInput, options: { recordDenials: boolean; waitMs: number }): Promise<Decision> {
    const started = performance.now();
    const decision = await this.deps.engine.reserve({ ...input, ...options }).catch((error: unknown) => {
      // An answer that is an error (not a lost connection or a timeout) is a fault worth seeing.
      const level = (error as Error).name === "ReplyError" ? "error" : "debug";
      this.deps.logger[level]({ err: error, requestId: input.requestId }, "quota reserve failed; applying fail modes");
      return { outcome: "unreachable" as const };
    });
    this.deps.metrics.reserveSeconds.observe({ outcome: decision.outcome }, (performance.now() - started) / 1_000);
    return decision;
  }

  #hand(reservation: Reservation, request: QuotaRequest, cached: CachedPolicies, headers: Record<string, string>): QuotaReservation {
    const handed: QuotaReservation = { id: reservation.id, headers };
    this.#held.set(handed, { reservation, request, cached });
    return handed;
  }

  #failMode(quota: UserQuota, input: ReserveInput, request: QuotaRequest, cached: CachedPolicies, reason: FailOpenReason): QuotaReservation {
    const closed = quota.applied.filter((applied) => applied.policy.failMode === "closed");
    if (closed.length > 0) {
      this.#count("fail_closed", undefined);
      this.deps.logger.warn({ reason, policyIds: closed.map((applied) => applied.policy.id), requestId: input.requestId }, "quota unavailable: fail-closed policy refused the request");
      throw new AppError("unavailable", "Quota enforcement is temporarily unavailable; please retry shortly.", { details: { retryAfterSeconds: 1, reason } });
    }
    for (const applied of quota.applied) this.deps.reporter.report(applied, input.requestId, reason);
    // Unchecked, but its usage is still charged at settle (the hold is simply not found).
    const reservation: Reservation = { id: randomUUID(), requestId: input.requestId, counters: this.deps.engine.plan(input), headers: NO_HEADERS };
    return this.#count("fail_open", this.#hand(reservation, request, cached, NO_HEADERS));
  }

  #unloaded(request: QuotaRequest): QuotaReservation {
    const now = Date.now();
    if (now - this.#unloadedWarnedAt > 10_000) {
      this.#unloadedWarnedAt = now;
      this.deps.logger.warn({ mode: this.deps.unloadedMode, requestId: request.requestId }, "quota policies not loaded from the quota service yet");
    }
    if (this.deps.unloadedMode === "closed") {
      this.#count("fail_closed", undefined);
      throw new AppError("unavailable", "Quota policies are not available yet; please retry shortly.", { details: { retryAfterSeconds: 1, reason: "policies_unloaded" } });
    }
    this.deps.metrics.failOpen.inc({ scope: "unknown", reason: "policies_unloaded" });
    return this.#count("fail_open", { id: request.requestId, headers: NO_HEADERS });
  }

  #count<T>(outcome: DecisionOutcome, value: T): T {
    this.deps.metrics.decisions.inc({ outcome });
    return value;
  }
}

function reserveInput(quota: UserQuota, cached: CachedPolicies, request: QuotaRequest, tokens: number, reservationId: string): ReserveInput & { reservationId: string } {
  return { quota, estimate: { tokens, costMicros: costHold(cached, request, tokens) }, settings: cached.snapshot.settings, requestId: request.requestId, reservationId };
}

/**
 * A cost budget's hold (ADR 0021): billing's bound of what the ledger can charge, from the price
 * book quota passed on (the version in force now, the dearest price of any rule that can match,
 * the per-request price, the org's and project's modifiers). 0 only for a model nothing prices,
 * which a cost budget refused before (refuseUnpricedUnderCostBudget).
 */
function costHold(cached: CachedPolicies, request: QuotaRequest, tokens: number): number {
  const { principal } = request;
  return costHoldMicros(cached.snapshot.settings.priceBook, { model: request.model, orgId: principal.orgId, projectId: principal.projectId, at: new Date(), tokens }) ?? 0;
}

/** What the ledger charges the request: its attempts' usage events, each priced as its ledger line. */
function settledCost(held: Held, usage: SettledUsage): number {
  if (!usage.attempts || usage.attempts.length === 0) return 0;
  const at = usage.startedAt ? new Date(usage.startedAt) : new Date();
  return settledCostMicros(held.cached.snapshot.settings.priceBook, usage.attempts, at);
}

/**
 * A cost budget must never undercharge silently (ADR 0018): a model no price plan prices would cost
 * nothing against it, so such a request is refused (400) naming the model that needs a plan.
 */
function refuseUnpricedUnderCostBudget(quota: UserQuota, cached: CachedPolicies, model: string): void {
  const budgets = quota.applied.filter((applied) => applied.policy.costBudget !== undefined);
  if (budgets.length === 0 || isPriced(cached.snapshot.settings.priceBook, model, new Date())) return;
  throw new AppError(
    "invalid_request",
    `The model '${model}' has no price plan, and a cost budget applies to this request: a platform admin must attach a price plan to '${model}' (its price_plan_id, PUT /admin/models/{model}) before it can be used under a cost budget.`,
    { details: { param: "model", openaiCode: "model_without_price_plan", policyIds: budgets.map((applied) => applied.policy.id) } },
  );
}

/** A smaller token count can only help when every refusing counter counts tokens or their cost. */
function refusedOnlyOnTokens(denials: readonly Denial[]): boolean {
  return denials.length > 0 && denials.every((denial) => denial.counter.info.metric === "tokens" || denial.counter.info.metric === "cost_micros");
}

/** A receipt as a kept answer carries it back (JSON from Redis): checked before it is trusted. */
function isReceipt(value: unknown): value is SettlementReceipt {
  const receipt = value as Partial<SettlementReceipt> | undefined;
  return typeof receipt === "object" && receipt !== null && typeof receipt.reservationId === "string" && typeof receipt.requestId === "string" && typeof receipt.issuedAtMs === "number" && Array.isArray(receipt.counters);
}
