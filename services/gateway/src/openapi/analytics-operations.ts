import { z } from "zod";
import { USAGE_REPORT_READERS } from "../analytics/analytics-admin-router.js";
import { adminUsageQuerySchema } from "../analytics/usage-query.js";
import type { AdminOperation } from "./admin-operation.js";

const percentiles = z.object({ count: z.number().int(), p50: z.number(), p90: z.number(), p99: z.number(), max: z.number(), mean: z.number() }).strict();

const metrics = z
  .object({
    requests: z.number().int(),
    attempts: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
    success_rate: z.number().nullable(),
    errors_by_type: z.record(z.string(), z.number().int()),
    tokens: z
      .object({
        prompt_tokens: z.number().int(),
        completion_tokens: z.number().int(),
        total_tokens: z.number().int(),
        cached_prompt_tokens: z.number().int(),
        reasoning_tokens: z.number().int(),
        audio_milliseconds: z.number().int(),
        images: z.number().int(),
      })
      .strict(),
    latency_ms: percentiles,
    time_to_first_token_ms: percentiles,
    cost: z.array(z.object({ currency: z.string(), amount_micros: z.number().int(), amount: z.string(), lines: z.number().int() }).strict()).nullable(),
  })
  .strict();

const ranked = z.object({ name: z.string(), requests: z.number().int(), total_tokens: z.number().int() }).strict();

/** The answer of GET /v1/usage and GET /admin/usage (analytics/usage-report-view.ts). */
export const usageReport = z
  .object({
    object: z.literal("usage"),
    start: z.string(),
    end: z.string(),
    org_id: z.string().nullable(),
    project_id: z.string().nullable(),
    group_by: z.array(z.string()),
    relative_accuracy: z.number(),
    requests: z.number().int(),
    prompt_tokens: z.number().int(),
    completion_tokens: z.number().int(),
    total_tokens: z.number().int(),
    totals: metrics,
    groups: z.array(z.object({ dimensions: z.record(z.string(), z.string()), metrics }).strict()),
    trend: z.array(z.object({ bucket_start: z.string(), metrics }).strict()),
    top_keys: z.array(ranked),
    top_models: z.array(ranked),
  })
  .strict();

/** The admin routes of analytics (ADR 0022): usage reports and their CSV export. */
export const ANALYTICS_OPERATIONS: AdminOperation[] = [
  {
    method: "get",
    path: "/admin/usage",
    name: "GetUsageReport",
    tag: "analytics",
    summary:
      "Usage report of [start, end): calls, success rate, errors by type, tokens by kind, latency and TTFT percentiles (merged DDSketches, 1% relative accuracy), cost from billing's ledger, top keys and models, trend. `format=csv`: the groups as a CSV file (text/csv).",
    roles: USAGE_REPORT_READERS.map((role) => (role === "platform_admin" ? role : `${role} (own organization)`)).join(", "),
    query: adminUsageQuerySchema,
    response: usageReport,
  },
];
