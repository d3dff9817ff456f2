import { TOPICS, type EventBus, type Subscription } from "@llm-serve/common";
import type { ModelStatusStore } from "../store/model-status-store.js";

export const MODEL_STATUS_GROUP = "analytics.alert-model-status";

/** Keeps alerting's copy of the registry's statuses (one group for every analytics instance: the table is shared). */
export function followModelStatuses(bus: EventBus, statuses: ModelStatusStore): Promise<Subscription> {
  return bus.subscribe({
    groupId: MODEL_STATUS_GROUP,
    topic: TOPICS.modelStatusChanged,
    fromBeginning: true,
    handler: async (event) => {
      const { modelId, deploymentId, status, reason } = event.payload;
      await statuses.record({ modelId, deploymentId, status, reason });
    },
  });
}
