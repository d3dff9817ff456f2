import { Router, type Response } from "express";
import type { ServiceClient } from "@llm-serve/grpc";
import type { alertsV1, authKeyV1 } from "@llm-serve/proto";
import { adminOf, requireAdmin } from "../auth/require-admin.js";
import { withRefusalAudit } from "../admin/refusal-audit.js";
import { parseBody } from "../billing/billing-admin-body.js";
import { locals } from "../http/request-context.js";
import { MAX_PAGE_SIZE, pageOf, readPageQuery } from "../openapi/list-page.js";
import type { AdminAuthenticator } from "../ports/authenticator.js";
import { alertRuleSchema, alertRuleToProto } from "./alert-rule-body.js";
import { ownedRuleBody } from "./alert-rule-owner.js";
import { alertIncidentView, alertRuleView } from "./alert-rule-view.js";

export interface AlertsAdminDeps {
  alerts: ServiceClient<typeof alertsV1.AlertRuleServiceService>;
  adminAuthenticator: AdminAuthenticator;
  /** Whose a budget rule's project or key is. */
  authAdmin: ServiceClient<typeof authKeyV1.AuthAdminServiceService>;
}

/** Who manages rules: platform admins (every rule), org admins (their org's). Org members read them. */
export const ALERT_MANAGERS = ["platform_admin", "org_admin"] as const;
export const ALERT_READERS = ["platform_admin", "org_admin", "org_member"] as const;

const options = (response: Response) => ({ requestId: locals(response).requestId });
/** The org scope analytics applies: a platform admin's is empty (every rule), anyone else's is its org. */
const scopeOf = (response: Response) => {
  const admin = adminOf(response);
  return admin.role === "platform_admin" ? "" : admin.orgId;
};

/** The admin REST API of alert rules (mounted at /admin), proxied to analytics' AlertRuleService. */
export function alertsAdminRouter(deps: AlertsAdminDeps): Router {
  const routes = Router();
  const managers = requireAdmin(deps.adminAuthenticator, ALERT_MANAGERS);
  const readers = requireAdmin(deps.adminAuthenticator, ALERT_READERS);
  routes.get("/alerts/rules", readers, async (request, response) => {
    const page = readPageQuery(request.query);
    const answer = await deps.alerts.listAlertRules({ orgScope: scopeOf(response), limit: page.limit ?? MAX_PAGE_SIZE, after: page.after ?? "", order: page.order }, options(response));
    response.json(pageOf(answer.rules.map(alertRuleView), (rule) => rule.id, answer.hasMore));
  });
  routes.post("/alerts/rules", managers, async (request, response) => {
    const body = await ownedRuleBody(deps.authAdmin, request, response, parseBody(alertRuleSchema, request.body, "alert rule"));
    const { rule } = await deps.alerts.createAlertRule({ orgScope: scopeOf(response), rule: alertRuleToProto(body) }, options(response));
    response.status(201).json(alertRuleView(rule!));
  });
  routes.get("/alerts/rules/:ruleId", readers, async (request, response) => {
    const { rule } = await deps.alerts.getAlertRule({ orgScope: scopeOf(response), id: String(request.params.ruleId) }, options(response));
    response.json(alertRuleView(rule!));
  });
  routes.get("/alerts/rules/:ruleId/incidents", readers, async (request, response) => {
    const page = readPageQuery(request.query);
    const answer = await deps.alerts.listAlertIncidents({ orgScope: scopeOf(response), ruleId: String(request.params.ruleId), limit: page.limit ?? MAX_PAGE_SIZE, after: page.after ?? "", order: page.order }, options(response));
    response.json(pageOf(answer.incidents.map(alertIncidentView), (incident) => incident.id, answer.hasMore));
  });
  routes.put("/alerts/rules/:ruleId", managers, async (request, response) => {
    // Another org's rule is a 404 before anything is said about the body (its existence is private).
    await deps.alerts.getAlertRule({ orgScope: scopeOf(response), id: String(request.params.ruleId) }, options(response));
    const body = await ownedRuleBody(deps.authAdmin, request, response, parseBody(alertRuleSchema, request.body, "alert rule"));
    const { rule } = await deps.alerts.updateAlertRule({ orgScope: scopeOf(response), id: String(request.params.ruleId), rule: alertRuleToProto(body) }, options(response));
    response.json(alertRuleView(rule!));
  });
  routes.delete("/alerts/rules/:ruleId", managers, async (request, response) => {
    await deps.alerts.deleteAlertRule({ orgScope: scopeOf(response), id: String(request.params.ruleId) }, options(response));
    response.json({ object: "alert_rule.deleted", id: String(request.params.ruleId), deleted: true });
  });
  return withRefusalAudit(routes);
}
