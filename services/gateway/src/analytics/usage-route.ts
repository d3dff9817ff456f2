import { Router, type Response } from "express";
import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { analyticsV1 } from "@llm-serve/proto";
import { principalOf } from "../http/authenticate.js";
import { locals } from "../http/request-context.js";
import { jsonOrStream, type SampledStreamDeps } from "../routes/monitoring.js";
import { parseQuery, usageQuerySchema, usageReportRequest } from "./usage-query.js";
import { usageReportView } from "./usage-report-view.js";

export interface UsageRouteDeps extends SampledStreamDeps {
  analytics: ServiceClient<typeof analyticsV1.AnalyticsServiceService>;
}

/**
 * GET /v1/usage: the usage report of the key's own project (ADR 0022). A key sees every key of its
 * project and nothing else: `project` naming another project is refused (403), `key` naming a key
 * of another project finds nothing. JSON once, or SSE pushing `{timestamp, metrics}` (each push
 * metered like the JSON answer); without `end` each push reports up to its own minute.
 */
export function usageRouter(deps: UsageRouteDeps): Router {
  const router = Router();
  router.get("/v1/usage", (request, response) => {
    const query = parseQuery(usageQuerySchema, request.query);
    const principal = principalOf(response);
    if (query.project !== undefined && query.project !== principal.projectId) {
      throw new AppError("permission_denied", "An API key sees only its own project's usage.", { details: { param: "project" } });
    }
    const produce = () => report(deps, response, usageReportRequest(query, { orgId: principal.orgId, projectId: principal.projectId }));
    return jsonOrStream(deps, request, response, { key: "metrics", endpoint: "usage", produce });
  });
  return router;
}

async function report(deps: UsageRouteDeps, response: Response, request: analyticsV1.GetUsageReportRequest) {
  const answer = await deps.analytics.getUsageReport(request, { requestId: locals(response).requestId });
  return usageReportView(request, answer);
}

