import { TOPICS, type EventBus, type Logger, type Subscription } from "@llm-serve/common";
import { recordUsageBatch } from "../domain/record-usage-batch.js";
import type { UsageStore } from "../store/usage-store.js";

export const USAGE_CONSUMER_GROUP = "analytics.usage-recorder";

/**
 * Stores every usage event once, with one INSERT per fetched batch rather than one per event: at
 * gateway load the per-event statements and their commits cost Postgres most of its CPU.
 */
export function subscribeToUsage(bus: EventBus, deps: { usage: UsageStore; logger: Logger }): Promise<Subscription> {
  return bus.subscribeBatch({
    groupId: USAGE_CONSUMER_GROUP,
    topic: TOPICS.usageRecorded,
    handler: async (events) => {
      await recordUsageBatch(deps, { events: events.map((event) => ({ envelope: event.envelope, usage: event.payload })) });
    },
  });
}
