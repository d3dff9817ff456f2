// The one door to generated code. Services import these namespaces; nothing imports src/gen directly.
export * as healthV1 from "./gen/grpc/health/v1/health.js";
export * as commonV1 from "./gen/llmserve/common/v1/instance.js";
export * as gatewayV1 from "./gen/llmserve/gateway/v1/gateway.js";
export * as gatewayInferenceV1 from "./gen/llmserve/gateway/v1/inference.js";
export * as authKeyV1 from "./gen/llmserve/authkey/v1/auth_key.js";
export * as quotaV1 from "./gen/llmserve/quota/v1/quota.js";
export * as billingV1 from "./gen/llmserve/billing/v1/billing.js";
export * as modelRegistryV1 from "./gen/llmserve/modelregistry/v1/model_registry.js";
export * as assistantV1 from "./gen/llmserve/assistant/v1/assistant.js";
export * as analyticsV1 from "./gen/llmserve/analytics/v1/analytics.js";
export * as alertsV1 from "./gen/llmserve/analytics/v1/alerts.js";
export * as eventsV1 from "./events.js";
