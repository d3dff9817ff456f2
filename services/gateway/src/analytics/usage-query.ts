import { AppError } from "@llm-serve/common";
import type { analyticsV1 } from "@llm-serve/proto";
import { z } from "zod";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DEFAULT_RANGE_MS = 30 * DAY_MS;

/** The query of GET /v1/usage and GET /admin/usage (the admin one adds org_id and format). */
export const usageQuerySchema = z
  .object({
    start: z.string().optional().describe("RFC 3339 or Unix seconds; rounded down to the minute. Default: the UTC midnight 30 days before `end` (a whole day: minute rollups of then may be deleted, docs/analytics.md)."),
    end: z.string().optional().describe("RFC 3339 or Unix seconds, exclusive; rounded up to the minute. Default: now."),
    group_by: z.string().optional().describe("Comma-separated: any of org, project, key, model, provider, deployment, status."),
    model: z.string().optional(),
    key: z.string().optional().describe("A key id."),
    project: z.string().optional().describe("A project id."),
    trend: z.enum(["minute", "hour", "day"]).optional().describe("One trend point per bucket of this size."),
    top: z.coerce.number().int().min(0).max(100).optional().describe("Length of the top keys and top models lists (default 10)."),
    stream: z.enum(["true", "false"]).optional().describe("`true`: server-sent events, `{timestamp, metrics}` every few seconds."),
  })
  .strict();

export const adminUsageQuerySchema = usageQuerySchema
  .omit({ stream: true })
  .extend({
    org_id: z.string().optional().describe("The organization; platform admins may omit it (every org), others get their own."),
    format: z.enum(["json", "csv"]).optional().describe("`csv`: the groups (or totals) as a CSV file."),
  })
  .strict();

export type UsageQuery = z.infer<typeof usageQuerySchema>;

/** A query string as a report request; bad values are 400s naming the parameter. */
export function usageReportRequest(query: Omit<UsageQuery, "stream">, scope: { orgId: string; projectId: string }, now = Date.now()): analyticsV1.GetUsageReportRequest {
  const end = query.end === undefined ? ceilMinute(now) : ceilMinute(timeOf(query.end, "end"));
  // The default starts on a whole day: past the minute and hour retention only day rows are kept (ADR 0028).
  const start = query.start === undefined ? Math.floor((end - DEFAULT_RANGE_MS) / DAY_MS) * DAY_MS : floorMinute(timeOf(query.start, "start"));
  return {
    filter: {
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      orgId: scope.orgId,
      projectId: scope.projectId,
      keyId: query.key ?? "",
      model: query.model ?? "",
      provider: "",
      deploymentId: "",
      status: "",
    },
    groupBy: (query.group_by ?? "").split(",").map((name) => name.trim()).filter((name) => name !== ""),
    trend: query.trend ?? "",
    top: query.top ?? 10,
  };
}

/** Parses a query with a schema; an unknown or malformed parameter is a 400 naming it. */
export function parseQuery<T extends z.ZodObject>(schema: T, query: unknown): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue?.code === "unrecognized_keys" ? issue.keys[0] : issue?.path.join(".");
  throw new AppError("invalid_request", `Invalid query parameter${param ? ` ${param}` : ""}: ${issue?.message ?? "invalid"}`, { details: { param: param ?? null } });
}

function timeOf(value: string, param: string): number {
  const time = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (!Number.isFinite(time)) throw new AppError("invalid_request", `${param} must be an RFC 3339 time or Unix seconds`, { details: { param } });
  return time;
}

function floorMinute(time: number): number {
  return Math.floor(time / MINUTE_MS) * MINUTE_MS;
}

function ceilMinute(time: number): number {
  return Math.ceil(time / MINUTE_MS) * MINUTE_MS;
}
