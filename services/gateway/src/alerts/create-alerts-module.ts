import type { Router } from "express";
import { alertsV1, authKeyV1 } from "@llm-serve/proto";
import type { ModuleContext } from "../modules.js";
import { alertsAdminRouter } from "./alerts-admin-router.js";

/** The admin REST API of alert rules, proxied to the analytics service over gRPC (ADR 0023). */
export function createAlertsModule(context: ModuleContext): { adminRouter?: Router } {
  if (!context.adminAuthenticator) return {};
  const alerts = context.runtime.client(alertsV1.AlertRuleServiceService, "analytics", { idempotent: ["getAlertRule", "listAlertRules"], deadlineMs: 10_000 });
  const authAdmin = context.runtime.client(authKeyV1.AuthAdminServiceService, "auth-key", { idempotent: ["getProject", "getKey"] });
  return { adminRouter: alertsAdminRouter({ alerts, authAdmin, adminAuthenticator: context.adminAuthenticator }) };
}
