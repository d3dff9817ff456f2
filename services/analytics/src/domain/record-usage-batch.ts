import type { Logger } from "@llm-serve/common";
import type { StoredUsageEvent } from "./usage-event.js";
import type { UsageStore } from "../store/usage-store.js";

export interface RecordedUsage {
  /** Events written now. */
  stored: number;
  /** Redeliveries: events stored before, or repeated within the batch. */
  repeated: number;
}

/** Stores a batch of usage events, each once (keyed by the event id): a redelivery changes nothing. */
export async function recordUsageBatch(deps: { usage: UsageStore; logger: Logger }, input: { events: readonly StoredUsageEvent[] }): Promise<RecordedUsage> {
  // At-least-once delivery can put the same event twice in one batch: the first one counts.
  const unique = new Map<string, StoredUsageEvent>();
  for (const event of input.events) if (!unique.has(event.envelope.eventId)) unique.set(event.envelope.eventId, event);
  const stored = (await deps.usage.insertMany([...unique.values()])).length;
  const repeated = input.events.length - stored;
  if (repeated > 0) deps.logger.debug({ repeated, events: input.events.length }, "usage events already recorded");
  return { stored, repeated };
}
