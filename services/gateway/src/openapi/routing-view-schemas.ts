import { z } from "zod";

/**
 * Answers of the model and routing admin routes. Deployment options are open to new settings
 * (providers gain them); every field the gateway writes today is listed.
 */
const count = z.number().int();
const stringMap = z.record(z.string(), z.string());
const range = z.object({ min: z.number(), max: z.number() });

const credentialsHint = z
  .object({ has_api_key: z.boolean(), api_key_hint: z.string(), has_secret_key: z.boolean(), header_names: z.array(z.string()) })
  .meta({ description: "Credentials go in, never out: whether they are set and the key's last characters." });

const deploymentOptions = z
  .looseObject({
    organization: z.string(),
    project: z.string(),
    api_version: z.string(),
    deployments: stringMap,
    model_endpoints: stringMap,
    auth_mode: z.string(),
    app_id: z.string(),
    mock_stream_delay_ms: count,
    mock_embedding_dimensions: count,
  })
  .partial();

const deployment = z
  .object({
    id: z.string(),
    provider_type: z.string(),
    base_url: z.string(),
    credentials: credentialsHint.optional(),
    options: deploymentOptions.optional(),
    upstream_model: z.string(),
    weight: count,
    priority: count,
    tags: z.array(z.string()),
    rpm: count,
    tpm: count,
    enabled: z.boolean(),
    status: z.string().describe("available | error | disabled | unknown"),
    status_reason: z.string(),
    checked_at_ms: count,
    check_latency_ms: count,
  });

export const modelConfig = z
  .object({
    object: z.literal("model_config"),
    id: z.string(),
    version: count,
    provider_type: z.string(),
    owned_by: z.string(),
    status: z.string().describe("available | error | disabled"),
    created_at_ms: count,
    updated_at_ms: count,
    endpoints: z.array(z.string()),
    aliases: z.array(z.string()),
    description: z.string(),
    enabled: z.boolean(),
    status_reason: z.string(),
    capability: z
      .object({ endpoints: z.array(z.string()), context_window: count, max_output_tokens: count, supports_tools: z.boolean(), supports_vision: z.boolean(), supports_streaming: z.boolean() })
      .optional(),
    runtime: z.object({
      timeouts: z.object({ connect_ms: count, first_byte_ms: count, idle_ms: count, total_ms: count }).optional(),
      max_retries: count,
      bounds: z.object({ temperature: range.optional(), top_p: range.optional(), max_tokens: count }).optional(),
      default_parameters: z.record(z.string(), z.unknown()),
      override_parameters: z.record(z.string(), z.unknown()),
    }),
    routing: z.object({ strategy: z.string(), fallbacks: z.array(z.object({ model: z.string(), on: z.array(z.string()) })) }).optional(),
    price_plan_id: z.string(),
    deployments: z.array(deployment),
  });

export const modelDeleted = z.object({ id: z.string(), object: z.literal("model_config"), deleted: z.literal(true) });

export const modelVersion = z
  .object({ version: count, change: z.string(), changed_at: count.describe("Unix seconds."), model: modelConfig.nullable() });

export const providerSummary = z
  .object({ id: z.string(), object: z.literal("provider"), deployments: count, available: count, error: count, models: z.array(z.string()) });

export const routingState = z
  .object({
    model: z.string(),
    deployment: z.string(),
    provider: z.string(),
    registry_healthy: z.boolean(),
    circuit: z.string().describe("closed | open | half_open, as this gateway instance sees it."),
    latency_ewma_ms: z.number().nullable(),
    in_flight: count,
    last_minute: z.object({ requests: count, tokens: count }),
  })
  .meta({ description: "This gateway instance's live view of one deployment." });

const liveStatus = z.enum(["available", "degraded", "unavailable", "error", "disabled"]);

export const platformStatus = z
  .object({
    status: z.enum(["operational", "degraded"]),
    gateway: z.object({ instance_id: z.string(), version: z.string(), uptime_seconds: count }),
    services: z.record(
      z.string(),
      z.object({
        status: z.enum(["up", "degraded", "down", "unknown"]),
        healthy_instances: count,
        instances: z.array(z.object({ id: z.string(), address: z.string(), healthy: z.boolean(), version: z.string() })),
      }),
    ),
    infrastructure: z.record(z.string(), z.object({ status: z.enum(["up", "down"]), latency_ms: count, error: z.string().optional() })),
    models: z.array(
      z.object({
        id: z.string(),
        status: liveStatus,
        registry_status: z.string(),
        reason: z.string(),
        deployments: z.array(
          z.object({
            id: z.string(),
            provider: z.string(),
            status: liveStatus,
            registry_status: z.string(),
            reason: z.string(),
            circuit: z.enum(["closed", "open", "half_open"]),
            recent_attempts: count,
            recent_failures: count,
            error_rate: z.number(),
          }),
        ),
      }),
    ),
  })
  .meta({ description: "The platform's state as this gateway sees it: services in Nacos, Postgres/Redis/Kafka, every model's deployments with their circuits (the document of GET /v1/status)." });

export const platformStatusEvent = z
  .object({ timestamp: z.string(), status: platformStatus })
  .meta({ description: "One `data:` event of the status stream (`?stream=true` or `Accept: text/event-stream`)." });
