import { Router, type Request, type Response } from "express";
import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { analyticsV1 } from "@llm-serve/proto";
import { withRefusalAudit } from "../admin/refusal-audit.js";
import { adminOf, assertOrgAccess, requireAdmin } from "../auth/require-admin.js";
import { locals } from "../http/request-context.js";
import type { AdminAuthenticator } from "../ports/authenticator.js";
import { adminUsageQuerySchema, parseQuery, usageReportRequest } from "./usage-query.js";
import { usageReportToCsv, usageReportView } from "./usage-report-view.js";

/** Who reads an org's usage reports: its admins and billing viewers (own org), platform admins (any or all). */
export const USAGE_REPORT_READERS = ["platform_admin", "org_admin", "billing_viewer"] as const;

export interface AnalyticsAdminDeps {
  analytics: ServiceClient<typeof analyticsV1.AnalyticsServiceService>;
  adminAuthenticator: AdminAuthenticator;
}

/** GET /admin/usage: usage reports of an org (or, for a platform admin, of every org), as JSON or CSV. */
export function analyticsAdminRouter(deps: AnalyticsAdminDeps): Router {
  const routes = Router();
  routes.get("/usage", requireAdmin(deps.adminAuthenticator, USAGE_REPORT_READERS), async (request, response) => {
    const query = parseQuery(adminUsageQuerySchema, request.query);
    const reportRequest = usageReportRequest(query, { orgId: orgOf(request, response), projectId: query.project ?? "" });
    const report = await deps.analytics.getUsageReport(reportRequest, { requestId: locals(response).requestId });
    const view = usageReportView(reportRequest, report);
    if (query.format === "csv") {
      response.type("text/csv; charset=utf-8").attachment("usage.csv").send(usageReportToCsv(view));
      return;
    }
    response.json(view);
  });
  return withRefusalAudit(routes);
}

/** The org a report is about: the caller's own, or any (by org_id, or every org when absent) for a platform admin. */
function orgOf(request: Request, response: Response): string {
  const admin = adminOf(response);
  const asked = typeof request.query.org_id === "string" ? request.query.org_id : undefined;
  if (admin.role === "platform_admin") return asked ?? "";
  const orgId = asked ?? admin.orgId;
  if (orgId === "") throw new AppError("invalid_request", "org_id is required", { details: { param: "org_id" } });
  assertOrgAccess(admin, orgId);
  return orgId;
}
