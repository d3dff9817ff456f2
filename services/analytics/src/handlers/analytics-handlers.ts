import type { ServiceHandlers } from "@llm-serve/grpc";
import type { analyticsV1 } from "@llm-serve/proto";
import { getUsageEvent } from "../domain/get-usage-event.js";
import { getUsageReport, type ReportDeps } from "../domain/get-usage-report.js";
import type { UsageStore } from "../store/usage-store.js";
import { reportToProto } from "./report-proto.js";

const NO_FILTER = { start: "", end: "", orgId: "", projectId: "", keyId: "", model: "", provider: "", deploymentId: "", status: "" };

export function createAnalyticsHandlers(deps: { usage: UsageStore } & ReportDeps): ServiceHandlers<typeof analyticsV1.AnalyticsServiceService> {
  return {
    getUsageEvent: async (request) => {
      const found = await getUsageEvent(deps, { eventId: request.eventId });
      return { envelope: found.envelope, usage: found.usage };
    },
    getUsageSummary: async (request) => deps.usage.summarize(request.projectId),
    getUsageReport: async (request) =>
      reportToProto(await getUsageReport(deps, { filter: { ...NO_FILTER, ...request.filter }, groupBy: request.groupBy, trend: request.trend, top: request.top })),
  };
}
