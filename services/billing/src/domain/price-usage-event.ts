import type { EventEnvelope } from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";
import type { LedgerLine } from "./ledger-line.js";
import { priceRequest, requestOfRecordedUsage, type PriceModifier, type PricePlan } from "@llm-serve/pricing";

export interface UsageEvent {
  envelope: EventEnvelope;
  usage: eventsV1.UsageRecorded;
}

export type PricingOutcome = { line: LedgerLine } | { pending: string };

/** When the usage happened: the request's start (the price in force then applies), else the envelope's time. */
export function usageTime({ envelope, usage }: UsageEvent): Date {
  const started = Date.parse(usage.startedAt);
  if (Number.isFinite(started)) return new Date(started);
  const published = Date.parse(envelope.time);
  return new Date(Number.isFinite(published) ? published : 0);
}

/**
 * Prices one event with the version of its model's plan in force at the event's time, and its org's
 * and project's modifiers in force then, or says why it cannot be priced (it is then held, never
 * priced at zero).
 */
export function priceUsageEvent(event: UsageEvent, planId: string | undefined, plan: PricePlan | undefined, modifiers: readonly PriceModifier[] = []): PricingOutcome {
  const { usage } = event;
  const at = usageTime(event);
  const priced = priceRequest(requestOfRecordedUsage(usage, at), planId, plan, modifiers);
  if ("unpriced" in priced) return { pending: priced.unpriced };
  return {
    line: {
      eventId: event.envelope.eventId,
      requestId: usage.requestId,
      orgId: usage.orgId,
      projectId: usage.projectId,
      keyId: usage.keyId,
      model: usage.model,
      deploymentId: usage.deploymentId,
      provider: usage.provider,
      endpoint: usage.endpoint,
      status: usage.status,
      planId: priced.planId,
      planVersion: priced.planVersion,
      currency: priced.currency,
      amountMicros: priced.amountMicros,
      orgMultiplierPpm: priced.orgMultiplierPpm,
      projectMultiplierPpm: priced.projectMultiplierPpm,
      estimated: usage.estimated,
      quantities: priced.quantities,
      occurredAt: at,
    },
  };
}
