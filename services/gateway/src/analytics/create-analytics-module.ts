import type { Router } from "express";
import { analyticsV1 } from "@llm-serve/proto";
import type { ModuleContext } from "../modules.js";
import { analyticsAdminRouter } from "./analytics-admin-router.js";
import { usageRouter, type UsageRouteDeps } from "./usage-route.js";

/** GET /v1/usage and the admin usage reports, served from the analytics service over gRPC (ADR 0022). */
export function createAnalyticsModule(context: ModuleContext, usage: Omit<UsageRouteDeps, "analytics">): { apiRouter: Router; adminRouter?: Router } {
  const analytics = context.runtime.client(analyticsV1.AnalyticsServiceService, "analytics", { idempotent: ["getUsageSummary", "getUsageEvent", "getUsageReport"], deadlineMs: 10_000 });
  return {
    apiRouter: usageRouter({ ...usage, analytics }),
    adminRouter: context.adminAuthenticator ? analyticsAdminRouter({ analytics, adminAuthenticator: context.adminAuthenticator }) : undefined,
  };
}
