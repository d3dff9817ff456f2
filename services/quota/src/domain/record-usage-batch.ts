import type { EventEnvelope } from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";
import { settledCostMicros } from "@llm-serve/quota-engine";
import type { PriceBook } from "@llm-serve/pricing";
import type { UsageRecord } from "../store/usage-store.js";
import type { QuotaDeps } from "./quota-deps.js";

/** Requests refused by quota never held anything: they are not usage. */
const REFUSED_BY_QUOTA = new Set(["rate_limited", "quota_exceeded"]);

export interface UsageEvent {
  envelope: EventEnvelope;
  usage: eventsV1.UsageRecorded;
}

export interface RecordedUsage {
  /** Events written now. */
  stored: number;
  /** Redeliveries: events recorded before, or repeated within the batch. */
  repeated: number;
  /** Requests refused by quota, which are not usage. */
  refused: number;
}

/**
 * Writes a batch of usage events to the durable record, each once (keyed by the event id), priced
 * with billing's price book, in one statement per thousand events.
 */
export async function recordUsageBatch(deps: Pick<QuotaDeps, "usage" | "priceBook" | "logger">, input: { events: readonly UsageEvent[] }): Promise<RecordedUsage> {
  const book = deps.priceBook();
  // At-least-once delivery can put the same event twice in one batch: the first one counts.
  const records = new Map<string, UsageRecord>();
  let refused = 0;
  for (const event of input.events) {
    if (REFUSED_BY_QUOTA.has(event.usage.errorCode)) refused += 1;
    else if (!records.has(event.envelope.eventId)) records.set(event.envelope.eventId, usageRecord(book, event));
  }
  const stored = (await deps.usage.insertMany([...records.values()])).length;
  const repeated = input.events.length - refused - stored;
  if (repeated > 0) deps.logger.debug({ repeated, events: input.events.length }, "usage events already recorded");
  return { stored, repeated, refused };
}

function usageRecord(book: PriceBook, event: UsageEvent): UsageRecord {
  const { envelope, usage } = event;
  const tokens = usage.usage ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  const startedAt = Date.parse(usage.startedAt);
  const occurredAt = new Date(Number.isFinite(startedAt) ? startedAt : Date.parse(envelope.time) || Date.now());
  return {
    eventId: envelope.eventId,
    requestId: usage.requestId,
    keyId: usage.keyId,
    projectId: usage.projectId,
    orgId: usage.orgId,
    model: usage.model,
    totalTokens: tokens.totalTokens,
    // The ledger's own function (every dimension, the version and modifiers in force at the event's
    // time): the record, the live counters and the ledger agree exactly.
    costMicros: settledCostMicros(book, [usage], occurredAt),
    occurredAt,
  };
}
