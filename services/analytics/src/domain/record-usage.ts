import type { EventEnvelope, Logger } from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";
import type { UsageStore } from "../store/usage-store.js";

/** Stores one usage event; a redelivered event changes nothing. */
export async function recordUsage(deps: { usage: UsageStore; logger: Logger }, input: { envelope: EventEnvelope; usage: eventsV1.UsageRecorded }): Promise<boolean> {
  const stored = await deps.usage.insert(input.envelope, input.usage);
  if (!stored) deps.logger.debug({ eventId: input.envelope.eventId }, "usage event already recorded");
  return stored;
}
