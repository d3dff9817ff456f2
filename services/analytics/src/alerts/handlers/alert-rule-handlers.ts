import { AppError } from "@llm-serve/common";
import type { ServiceHandlers } from "@llm-serve/grpc";
import type { alertsV1 } from "@llm-serve/proto";
import type { AlertRule } from "../domain/alert-rule.js";
import type { AlertRuleDeps } from "../domain/alert-deps.js";
import { createAlertRule } from "../domain/create-alert-rule.js";
import { listAlertIncidents } from "../domain/list-alert-incidents.js";
import { listAlertRules } from "../domain/list-alert-rules.js";
import { updateAlertRule } from "../domain/update-alert-rule.js";
import type { AlertRuleInput } from "../domain/validate-alert-rule.js";
import type { Incident } from "../store/incident-store.js";

function incidentToProto(incident: Incident & { state: string }): alertsV1.AlertIncident {
  return {
    id: incident.id,
    ruleId: incident.ruleId,
    state: incident.state,
    firedValue: incident.firedValue,
    firedAtMs: incident.firedAt.getTime(),
    resolvedValue: incident.resolvedValue ?? 0,
    resolvedAtMs: incident.resolvedAt?.getTime() ?? 0,
  };
}

function ruleToProto(rule: AlertRule): alertsV1.AlertRule {
  return {
    id: rule.id,
    orgId: rule.orgId,
    name: rule.name,
    kind: rule.kind,
    model: rule.model,
    deployment: rule.deployment,
    service: rule.service,
    threshold: rule.threshold,
    windowSeconds: rule.windowSeconds,
    minRequests: rule.minRequests,
    webhookUrl: rule.webhookUrl,
    webhookSecretSet: rule.webhookSecretSealed !== null,
    enabled: rule.enabled,
    budgetMicros: rule.budgetMicros,
    currency: rule.currency,
    period: rule.period,
    projectId: rule.projectId,
    keyId: rule.keyId,
    state: rule.state,
    createdAtMs: rule.createdAt.getTime(),
    updatedAtMs: rule.updatedAt.getTime(),
  };
}

function inputFromProto(input: alertsV1.AlertRuleInput | undefined): AlertRuleInput {
  if (!input) throw new AppError("invalid_request", "rule: required", { details: { param: "rule" } });
  return { ...input };
}

/** The AlertRuleService: proto ↔ domain only. */
export function createAlertRuleHandlers(deps: AlertRuleDeps): ServiceHandlers<typeof alertsV1.AlertRuleServiceService> {
  const found = async (id: string, scope: string) => {
    const rule = await deps.rules.find(id, scope);
    if (!rule) throw new AppError("not_found", `No alert rule ${id}.`);
    return rule;
  };
  return {
    createAlertRule: async (request) => ({ rule: ruleToProto(await createAlertRule(deps, { scope: request.orgScope, rule: inputFromProto(request.rule) })) }),
    getAlertRule: async (request) => ({ rule: ruleToProto(await found(request.id, request.orgScope)) }),
    listAlertRules: async (request) => {
      const page = await listAlertRules(deps, { scope: request.orgScope, limit: request.limit, after: request.after, order: request.order });
      return { rules: page.rules.map(ruleToProto), hasMore: page.hasMore };
    },
    updateAlertRule: async (request) => ({ rule: ruleToProto(await updateAlertRule(deps, { scope: request.orgScope, id: request.id, rule: inputFromProto(request.rule) })) }),
    listAlertIncidents: async (request) => {
      const page = await listAlertIncidents(deps, { scope: request.orgScope, ruleId: request.ruleId, limit: request.limit, after: request.after, order: request.order });
      return { incidents: page.incidents.map(incidentToProto), hasMore: page.hasMore };
    },
    deleteAlertRule: async (request) => {
      if (!(await deps.rules.delete(request.id, request.orgScope))) throw new AppError("not_found", `No alert rule ${request.id}.`);
      return {};
    },
  };
}
