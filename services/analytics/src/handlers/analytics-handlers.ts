import type { ServiceHandlers } from "@llm-serve/grpc";
import type { analyticsV1 } from "@llm-serve/proto";
import { getUsageEvent } from "../domain/get-usage-event.js";
import type { UsageStore } from "../store/usage-store.js";

export function createAnalyticsHandlers(deps: { usage: UsageStore }): ServiceHandlers<typeof analyticsV1.AnalyticsServiceService> {
  return {
    getUsageEvent: async (request) => {
      const found = await getUsageEvent(deps, { eventId: request.eventId });
      return { envelope: found.envelope, usage: found.usage };
    },
    getUsageSummary: async (request) => deps.usage.summarize(request.projectId),
  };
}
