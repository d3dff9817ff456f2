import type { EventEnvelope } from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";
import { costMicros } from "@llm-serve/quota-engine";
import type { QuotaDeps } from "./quota-deps.js";

/** Requests refused by quota never held anything: they are not usage. */
const REFUSED_BY_QUOTA = new Set(["rate_limited", "quota_exceeded"]);

/**
 * Writes one usage event to the durable record (once, keyed by the event id), priced with the
 * current price table. Returns false for a redelivery or a request refused by quota.
 */
export async function recordUsage(deps: Pick<QuotaDeps, "usage" | "settings" | "logger">, input: { envelope: EventEnvelope; usage: eventsV1.UsageRecorded }): Promise<boolean> {
  const { envelope, usage } = input;
  if (REFUSED_BY_QUOTA.has(usage.errorCode)) return false;
  const tokens = usage.usage ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  const startedAt = Date.parse(usage.startedAt);
  const stored = await deps.usage.insert({
    eventId: envelope.eventId,
    requestId: usage.requestId,
    keyId: usage.keyId,
    projectId: usage.projectId,
    orgId: usage.orgId,
    model: usage.model,
    totalTokens: tokens.totalTokens,
    costMicros: costMicros(deps.settings().prices, usage.model, tokens.promptTokens, tokens.completionTokens),
    occurredAt: new Date(Number.isFinite(startedAt) ? startedAt : Date.parse(envelope.time) || Date.now()),
  });
  if (!stored) deps.logger.debug({ eventId: envelope.eventId }, "usage event already recorded");
  return stored;
}
