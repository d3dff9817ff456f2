import { TOPICS, type EventBus, type Subscription } from "@llm-serve/common";
import type { QuotaDeps } from "../domain/quota-deps.js";
import { recordUsageBatch } from "../domain/record-usage-batch.js";

export const USAGE_CONSUMER_GROUP = "quota.usage-recorder";

/**
 * Every usage event becomes one row of the durable usage record (idempotent by event id), written
 * with one INSERT per fetched batch rather than one per event: at gateway load the per-event
 * statements and their commits cost Postgres and this service most of their CPU.
 */
export function subscribeToUsage(bus: EventBus, deps: Pick<QuotaDeps, "usage" | "settings" | "priceBook" | "logger">): Promise<Subscription> {
  return bus.subscribeBatch({
    groupId: USAGE_CONSUMER_GROUP,
    topic: TOPICS.usageRecorded,
    fromBeginning: true,
    handler: async (events) => {
      await recordUsageBatch(deps, { events: events.map((event) => ({ envelope: event.envelope, usage: event.payload })) });
    },
  });
}
