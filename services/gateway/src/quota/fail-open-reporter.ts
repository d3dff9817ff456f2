import { TOPICS, type EncodedEvent, type EventInput, type Logger } from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";
import type { AppliedPolicy } from "@llm-serve/quota-engine";
import type { QuotaMetrics } from "./quota-metrics.js";

export type FailOpenReason = "redis_unavailable" | "counters_rebuilding";

export interface FailOpenReporterDeps {
  metrics: QuotaMetrics;
  logger: Logger;
  encode: (input: EventInput<eventsV1.QuotaFailOpened>) => EncodedEvent;
  /** Writes the event durably (the gateway's outbox). */
  publish: (event: EncodedEvent) => Promise<void>;
  instanceId: string;
  intervalMs: number;
  clock?: () => number;
}

interface Tally {
  unreported: number;
  lastReportAt: number;
}

/**
 * Failing open is never silent: every request let through unchecked counts in a metric; per policy
 * and subject, the first one (and then at most one per interval) writes a warning line and a
 * `llmserve.quota.fail-opened.v1` event carrying how many went through since the previous one.
 */
export class FailOpenReporter {
  readonly #tallies = new Map<string, Tally>();
  readonly #clock: () => number;

  constructor(private readonly deps: FailOpenReporterDeps) {
    this.#clock = deps.clock ?? Date.now;
  }

  report(applied: AppliedPolicy, requestId: string, reason: FailOpenReason): void {
    const { policy, subjectId } = applied;
    this.deps.metrics.failOpen.inc({ scope: policy.scope, reason });
    const key = `${policy.id}\u0000${subjectId}`;
    const tally = this.#tallies.get(key) ?? { unreported: 0, lastReportAt: Number.NEGATIVE_INFINITY };
    tally.unreported += 1;
    this.#tallies.set(key, tally);
    const now = this.#clock();
    if (now - tally.lastReportAt < this.deps.intervalMs) return;
    const requests = tally.unreported;
    tally.unreported = 0;
    tally.lastReportAt = now;
    this.deps.logger.warn({ policyId: policy.id, scope: policy.scope, subjectId, reason, requests, requestId }, "quota policy failed open: request admitted unchecked");
    const payload: eventsV1.QuotaFailOpened = { policyId: policy.id, requestId, reason, scope: policy.scope, scopeId: subjectId, requests, instanceId: this.deps.instanceId };
    const event = this.deps.encode({ topic: TOPICS.quotaFailOpened, key: policy.id, payload, requestId, subject: `${policy.id}/${subjectId}` });
    this.deps.publish(event).catch((error: unknown) => this.deps.logger.error({ err: error, policyId: policy.id }, "fail-opened event could not be written"));
  }
}
