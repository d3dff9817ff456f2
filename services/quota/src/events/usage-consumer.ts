import { TOPICS, type EventBus, type Subscription } from "@llm-serve/common";
import type { QuotaDeps } from "../domain/quota-deps.js";
import { recordUsage } from "../domain/record-usage.js";

export const USAGE_CONSUMER_GROUP = "quota.usage-recorder";

/** Every usage event becomes one row of the durable usage record (idempotent by event id). */
export function subscribeToUsage(bus: EventBus, deps: Pick<QuotaDeps, "usage" | "settings" | "logger">): Promise<Subscription> {
  return bus.subscribe({
    groupId: USAGE_CONSUMER_GROUP,
    topic: TOPICS.usageRecorded,
    fromBeginning: true,
    handler: async (event) => {
      await recordUsage(deps, { envelope: event.envelope, usage: event.payload });
    },
  });
}
