import type { Logger } from "@llm-serve/common";
import type { AlertRuleStore } from "../store/alert-rule-store.js";
import type { IncidentStore } from "../store/incident-store.js";
import type { AlertRule } from "../domain/alert-rule.js";
import { alertEvent, type EventContext } from "./alert-payloads.js";
import { conditionOf, type SignalSources } from "./condition-of.js";

export interface AlertEvaluatorDeps {
  rules: AlertRuleStore;
  incidents: IncidentStore;
  sources: SignalSources;
  events: EventContext;
  logger: Logger;
  /** Called after an incident opened or closed (wakes the outbox relay and the webhook sender). */
  onTransition: () => void;
}

/**
 * Evaluates every enabled rule once: opens an incident when its condition holds and none is firing,
 * resolves the firing one when it no longer holds. Every analytics instance runs this; the incident
 * store lets only one of them make each transition.
 */
export async function evaluateRules(deps: AlertEvaluatorDeps): Promise<void> {
  const rules = await deps.rules.enabled();
  for (const rule of rules) {
    try {
      await evaluateRule(deps, rule);
    } catch (error) {
      deps.logger.warn({ err: error, ruleId: rule.id }, "alert rule evaluation failed");
    }
  }
}

async function evaluateRule(deps: AlertEvaluatorDeps, rule: AlertRule): Promise<void> {
  const condition = await conditionOf(deps.sources, rule);
  const transition = (incidentEvent: Parameters<typeof alertEvent>[2]) => alertEvent(rule, condition, incidentEvent, deps.events);
  if (condition.holds && rule.state !== "firing") {
    const opened = await deps.incidents.open(rule.id, condition.value, { event: transition, webhookUrl: rule.webhookUrl });
    if (opened) {
      deps.logger.warn({ ruleId: rule.id, incidentId: opened.id, value: condition.value }, "alert fired");
      deps.onTransition();
    }
  } else if (!condition.holds && rule.state === "firing") {
    const resolved = await deps.incidents.resolve(rule.id, condition.value, { event: transition, webhookUrl: rule.webhookUrl });
    if (resolved) {
      deps.logger.info({ ruleId: rule.id, incidentId: resolved.id, value: condition.value }, "alert resolved");
      deps.onTransition();
    }
  }
}
