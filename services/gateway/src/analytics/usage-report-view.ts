import type { analyticsV1 } from "@llm-serve/proto";
import { microsToDecimal } from "../billing/bill-csv.js";

type Metrics = analyticsV1.UsageMetrics;

/** A usage report as the API answers it (snake_case; money in integer micro-units and as a decimal string). */
export function usageReportView(request: analyticsV1.GetUsageReportRequest, report: analyticsV1.GetUsageReportResponse) {
  const totals = metricsView(report.totals, report.costIncluded);
  return {
    object: "usage",
    start: request.filter?.start ?? "",
    end: request.filter?.end ?? "",
    org_id: request.filter?.orgId || null,
    project_id: request.filter?.projectId || null,
    group_by: request.groupBy,
    relative_accuracy: report.relativeAccuracy,
    // The four totals of the first /v1/usage, kept at the top level for its clients.
    requests: totals.requests,
    prompt_tokens: totals.tokens.prompt_tokens,
    completion_tokens: totals.tokens.completion_tokens,
    total_tokens: totals.tokens.total_tokens,
    totals,
    groups: report.groups.map((group) => ({ dimensions: group.dimensions, metrics: metricsView(group.metrics, report.costIncluded) })),
    trend: report.trend.map((point) => ({ bucket_start: point.bucketStart, metrics: metricsView(point.metrics, false) })),
    top_keys: report.topKeys.map(rankedView),
    top_models: report.topModels.map(rankedView),
  };
}

export type UsageReportView = ReturnType<typeof usageReportView>;

function metricsView(metrics: Metrics | undefined, withCost: boolean) {
  const m = metrics ?? ({} as Partial<Metrics>);
  const requests = m.requests ?? 0;
  return {
    requests,
    attempts: m.attempts ?? 0,
    succeeded: m.succeeded ?? 0,
    failed: m.failed ?? 0,
    cancelled: m.cancelled ?? 0,
    success_rate: requests === 0 ? null : (m.succeeded ?? 0) / requests,
    errors_by_type: m.errorsByType ?? {},
    tokens: {
      prompt_tokens: m.promptTokens ?? 0,
      completion_tokens: m.completionTokens ?? 0,
      total_tokens: m.totalTokens ?? 0,
      cached_prompt_tokens: m.cachedPromptTokens ?? 0,
      reasoning_tokens: m.reasoningTokens ?? 0,
      audio_milliseconds: m.audioMilliseconds ?? 0,
      images: m.images ?? 0,
    },
    latency_ms: percentilesView(m.latencyMs),
    time_to_first_token_ms: percentilesView(m.timeToFirstTokenMs),
    cost: withCost ? (m.cost ?? []).map((cost) => ({ currency: cost.currency, amount_micros: cost.amountMicros, amount: microsToDecimal(cost.amountMicros), lines: cost.lines })) : null,
  };
}

function percentilesView(percentiles: analyticsV1.Percentiles | undefined) {
  return { count: percentiles?.count ?? 0, p50: percentiles?.p50 ?? 0, p90: percentiles?.p90 ?? 0, p99: percentiles?.p99 ?? 0, max: percentiles?.max ?? 0, mean: percentiles?.mean ?? 0 };
}

function rankedView(item: analyticsV1.RankedItem) {
  return { name: item.name, requests: item.requests, total_tokens: item.totalTokens };
}

const CSV_METRICS = ["requests", "attempts", "succeeded", "failed", "cancelled", "prompt_tokens", "completion_tokens", "total_tokens", "latency_p50_ms", "latency_p90_ms", "latency_p99_ms", "ttft_p50_ms", "ttft_p99_ms", "cost"];

/** The report's groups (or its totals when ungrouped) as CSV (RFC 4180); cost as `CUR amount; …`. */
export function usageReportToCsv(view: UsageReportView): string {
  const dimensions = view.group_by;
  const rows = view.groups.length > 0 ? view.groups : [{ dimensions: {} as Record<string, string>, metrics: view.totals }];
  const lines = rows.map(({ dimensions: values, metrics }) => [
    view.start,
    view.end,
    ...dimensions.map((name) => values[name] ?? ""),
    ...[metrics.requests, metrics.attempts, metrics.succeeded, metrics.failed, metrics.cancelled].map(String),
    ...[metrics.tokens.prompt_tokens, metrics.tokens.completion_tokens, metrics.tokens.total_tokens].map(String),
    ...[metrics.latency_ms.p50, metrics.latency_ms.p90, metrics.latency_ms.p99, metrics.time_to_first_token_ms.p50, metrics.time_to_first_token_ms.p99].map(String),
    (metrics.cost ?? []).map((cost) => `${cost.currency} ${cost.amount}`).join("; "),
  ]);
  return [["start", "end", ...dimensions, ...CSV_METRICS], ...lines].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Quotes a field when it holds a comma, quote or line break; a leading =+-@ is defused (CSV injection). */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
