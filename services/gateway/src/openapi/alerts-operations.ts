import { alertRuleSchema } from "../alerts/alert-rule-body.js";
import { alertIncident, alertRule } from "../alerts/alert-rule-view.js";
import type { AdminOperation } from "./admin-operation.js";
import { deleted } from "./admin-view-schemas.js";

const MANAGERS = "platform_admin (any rule), org_admin (own organization's rules)";
const READERS = "platform_admin, org_admin, org_member (own organization's rules)";

/** The admin routes of alert rules (ADR 0023), stored and evaluated by the analytics service. */
export const ALERTS_OPERATIONS: AdminOperation[] = [
  { method: "get", path: "/admin/alerts/rules", name: "ListAlertRules", tag: "alerts", summary: "Alert rules in id order, with whether each is firing (paged by analytics).", roles: READERS, response: alertRule, list: { ordered: true } },
  { method: "post", path: "/admin/alerts/rules", name: "CreateAlertRule", tag: "alerts", summary: "Create an alert rule; its webhook secret is sealed at rest and never returned.", roles: MANAGERS, body: alertRuleSchema, status: 201, response: alertRule },
  { method: "get", path: "/admin/alerts/rules/:ruleId", name: "GetAlertRule", tag: "alerts", summary: "One alert rule.", roles: READERS, response: alertRule },
  { method: "get", path: "/admin/alerts/rules/:ruleId/incidents", name: "ListAlertIncidents", tag: "alerts", summary: "A rule's firing history: its incidents, newest first, each fired once and resolved once (or still firing).", roles: READERS, response: alertIncident, list: { ordered: "desc" } },
  { method: "put", path: "/admin/alerts/rules/:ruleId", name: "UpdateAlertRule", tag: "alerts", summary: "Replace an alert rule's fields (an absent webhook_secret keeps the stored one).", roles: MANAGERS, body: alertRuleSchema, response: alertRule },
  { method: "delete", path: "/admin/alerts/rules/:ruleId", name: "DeleteAlertRule", tag: "alerts", summary: "Delete an alert rule with its incidents and pending deliveries.", roles: MANAGERS, response: deleted },
];
