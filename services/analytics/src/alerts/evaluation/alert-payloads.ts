import { TOPICS, encodeEvent, type EncodedEvent } from "@llm-serve/common";
import { eventsV1 } from "@llm-serve/proto";
import { targetOf, type AlertRule } from "../domain/alert-rule.js";
import type { Incident } from "../store/incident-store.js";
import type { Condition } from "./condition-of.js";

export interface EventContext {
  source: string;
  namespace: string;
}

/**
 * The fired or resolved event of an incident, and the webhook body: the event's envelope and its
 * payload in the proto3 JSON mapping, as any Kafka reader of the topic sees them.
 */
export function alertEvent(rule: AlertRule, condition: Condition, incident: Incident, context: EventContext): { encoded: EncodedEvent; webhookBody: string } {
  const common = {
    incidentId: incident.id,
    ruleId: rule.id,
    ruleName: rule.name,
    orgId: rule.orgId,
    kind: rule.kind,
    target: targetOf(rule),
    value: condition.value,
    threshold: rule.threshold,
    windowSeconds: rule.windowSeconds,
    firedAt: incident.firedAt.toISOString(),
    summary: condition.summary,
  };
  if (incident.resolvedAt === null) {
    const payload = eventsV1.AlertFired.fromPartial(common);
    const encoded = encodeEvent({ topic: TOPICS.alertFired, key: rule.id, payload, subject: incident.id, eventId: incident.id }, context);
    return { encoded, webhookBody: JSON.stringify({ type: TOPICS.alertFired.type, event_id: encoded.eventId, alert: eventsV1.AlertFired.toJSON(payload) }) };
  }
  const payload = eventsV1.AlertResolved.fromPartial({ ...common, resolvedAt: incident.resolvedAt.toISOString() });
  const encoded = encodeEvent({ topic: TOPICS.alertResolved, key: rule.id, payload, subject: incident.id }, context);
  return { encoded, webhookBody: JSON.stringify({ type: TOPICS.alertResolved.type, event_id: encoded.eventId, alert: eventsV1.AlertResolved.toJSON(payload) }) };
}
