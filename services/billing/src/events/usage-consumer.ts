import { TOPICS, type EventBus, type Subscription } from "@llm-serve/common";
import type { BillingDeps } from "../domain/billing-deps.js";
import { recordUsageBatch } from "../domain/record-usage-batch.js";

export const USAGE_CONSUMER_GROUP = "billing.ledger";

/**
 * Prices every usage event into the ledger, one batch at a time. The offsets are committed after
 * the batch is written; a crash before that redelivers it, and the ledger's primary key (the event
 * id) makes the second write a no-op. Starts from the beginning for a new group: a fresh billing
 * prices all the usage the topic still holds.
 */
export function subscribeToUsage(bus: EventBus, deps: Parameters<typeof recordUsageBatch>[0]): Promise<Subscription> {
  return bus.subscribeBatch({
    groupId: USAGE_CONSUMER_GROUP,
    topic: TOPICS.usageRecorded,
    fromBeginning: true,
    handler: async (events) => {
      await recordUsageBatch(deps, { events: events.map((event) => ({ envelope: event.envelope, usage: event.payload })) });
    },
  });
}
