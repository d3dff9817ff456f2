import { eventsV1 } from "@llm-serve/proto";

/** ts-proto's JSON codec of a payload message (the proto3 JSON mapping). */
export interface PayloadCodec<T> {
  toJSON(message: T): unknown;
  fromJSON(object: unknown): T;
}

export interface TopicDefinition<T> {
  /** `llmserve.<domain>.<event>.v1` */
  name: string;
  /** Past-tense event type carried in the `event-type` header, e.g. `usage.recorded`. */
  type: string;
  schemaVersion: string;
  partitions: number;
  codec: PayloadCodec<T>;
}

function topic<T>(name: string, codec: PayloadCodec<T>, partitions: number): TopicDefinition<T> {
  const match = /^llmserve\.([a-z-]+)\.([a-z-]+)\.v(\d+)$/.exec(name);
  if (!match) throw new Error(`topic name must be llmserve.<domain>.<event>.v<N>: ${name}`);
  return { name, type: `${match[1]}.${match[2]}`, schemaVersion: match[3] ?? "1", partitions, codec };
}

/** The public event catalogue. docs/events.md documents each entry; a test keeps the two in step. */
export const TOPICS = {
  usageRecorded: topic("llmserve.usage.recorded.v1", eventsV1.UsageRecorded, 6),
  quotaWarning: topic("llmserve.quota.warning.v1", eventsV1.QuotaWarning, 3),
  quotaExceeded: topic("llmserve.quota.exceeded.v1", eventsV1.QuotaExceeded, 3),
  quotaFailOpened: topic("llmserve.quota.fail-opened.v1", eventsV1.QuotaFailOpened, 3),
  keyRevoked: topic("llmserve.auth.key-revoked.v1", eventsV1.KeyRevoked, 3),
  keyUpdated: topic("llmserve.auth.key-updated.v1", eventsV1.KeyUpdated, 3),
  auditRecorded: topic("llmserve.audit.recorded.v1", eventsV1.AuditRecorded, 3),
  modelStatusChanged: topic("llmserve.model.status-changed.v1", eventsV1.ModelStatusChanged, 3),
  modelConfigUpdated: topic("llmserve.model.config-updated.v1", eventsV1.ModelConfigUpdated, 3),
  billingCycleClosed: topic("llmserve.billing.cycle-closed.v1", eventsV1.BillingCycleClosed, 3),
  pricePlanUpdated: topic("llmserve.billing.price-plan-updated.v1", eventsV1.PricePlanUpdated, 1),
  instanceStarted: topic("llmserve.platform.instance-started.v1", eventsV1.InstanceStarted, 1),
  threadCreated: topic("llmserve.assistant.thread-created.v1", eventsV1.ThreadCreated, 3),
  messageCompleted: topic("llmserve.assistant.message-completed.v1", eventsV1.MessageCompleted, 3),
  toolCallCompleted: topic("llmserve.assistant.tool-call-completed.v1", eventsV1.ToolCallCompleted, 3),
  runStatusChanged: topic("llmserve.assistant.run-status-changed.v1", eventsV1.RunStatusChanged, 3),
  alertFired: topic("llmserve.alert.fired.v1", eventsV1.AlertFired, 1),
  alertResolved: topic("llmserve.alert.resolved.v1", eventsV1.AlertResolved, 1),
} as const;

export type TopicKey = keyof typeof TOPICS;

export const ALL_TOPICS: readonly TopicDefinition<unknown>[] = Object.values(TOPICS) as TopicDefinition<unknown>[];

/** Tests isolate themselves with a namespace prefix; production runs with none. */
export function topicName(definition: TopicDefinition<unknown>, namespace: string): string {
  return namespace ? `${namespace}.${definition.name}` : definition.name;
}
