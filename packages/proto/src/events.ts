// Kafka payloads of llmserve.events.v1, gathered from their files into one namespace.
export { UsageRecorded, TokenUsage, RequestParameters } from "./gen/llmserve/events/v1/usage.js";
export { QuotaWarning, QuotaExceeded, QuotaFailOpened } from "./gen/llmserve/events/v1/quota.js";
export { KeyRevoked, KeyUpdated, AuditRecorded } from "./gen/llmserve/events/v1/auth.js";
export { ModelStatusChanged, ModelConfigUpdated } from "./gen/llmserve/events/v1/model.js";
export { InstanceStarted } from "./gen/llmserve/events/v1/service.js";
export { BillingCycleClosed, BillTotal, PricePlanUpdated } from "./gen/llmserve/events/v1/billing.js";
export { ThreadCreated, MessageCompleted, ToolCallCompleted, RunStatusChanged } from "./gen/llmserve/events/v1/assistant.js";
export { AlertFired, AlertResolved } from "./gen/llmserve/events/v1/alert.js";
