import type { analyticsV1 } from "@llm-serve/proto";
import type { UsageReport } from "../domain/get-usage-report.js";
import type { UsageMetrics } from "../domain/usage-report.js";

export function reportToProto(report: UsageReport): analyticsV1.GetUsageReportResponse {
  return {
    totals: metricsToProto(report.totals),
    groups: report.groups.map((group) => ({ dimensions: group.dimensions, metrics: metricsToProto(group.metrics) })),
    trend: report.trend.map((point) => ({ bucketStart: point.bucketStart, metrics: metricsToProto(point.metrics) })),
    topKeys: report.topKeys,
    topModels: report.topModels,
    relativeAccuracy: report.relativeAccuracy,
    costIncluded: report.costIncluded,
  };
}

function metricsToProto(metrics: UsageMetrics): analyticsV1.UsageMetrics {
  return {
    requests: metrics.requests,
    attempts: metrics.attempts,
    succeeded: metrics.succeeded,
    failed: metrics.failed,
    cancelled: metrics.cancelled,
    errorsByType: metrics.errorsByType,
    ...metrics.tokens,
    latencyMs: metrics.latencyMs,
    timeToFirstTokenMs: metrics.timeToFirstTokenMs,
    cost: metrics.cost,
  };
}
