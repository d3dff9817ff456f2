import { TOPICS, type EventBus, type Logger, type Subscription } from "@llm-serve/common";
import { recordUsage } from "../domain/record-usage.js";
import type { UsageStore } from "../store/usage-store.js";

export const USAGE_CONSUMER_GROUP = "analytics.usage-recorder";

export function subscribeToUsage(bus: EventBus, deps: { usage: UsageStore; logger: Logger }): Promise<Subscription> {
  return bus.subscribe({
    groupId: USAGE_CONSUMER_GROUP,
    topic: TOPICS.usageRecorded,
    handler: async (event) => {
      await recordUsage(deps, { envelope: event.envelope, usage: event.payload });
    },
  });
}
