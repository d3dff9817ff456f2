import type { CredentialsHint, DeploymentRecord, DeploymentStatus, ModelCapability, ModelRecord, ModelStatus, ProviderOptions, RoutingPolicy, RuntimeConfig } from "../domain/model-config.js";

export interface ModelRow {
  id: string;
  version: number;
  provider_type: string;
  owned_by: string;
  status: string;
  status_reason: string;
  endpoints: string[];
  aliases: string[];
  description: string;
  enabled: boolean;
  capability: ModelCapability;
  runtime: RuntimeConfig;
  routing: RoutingPolicy;
  price_plan_id: string;
  created_at: Date;
  updated_at: Date;
}

export interface DeploymentRow {
  model_id: string;
  id: string;
  position: number;
  provider_type: string;
  base_url: string;
  options: ProviderOptions;
  sealed_credentials: string | null;
  credentials_hint: CredentialsHint;
  upstream_model: string;
  weight: number;
  priority: number;
  tags: string[];
  rpm: number;
  tpm: number;
  enabled: boolean;
  status: string;
  status_reason: string;
  checked_at: Date | null;
  check_latency_ms: number;
}

export function toDeploymentRecord(row: DeploymentRow): DeploymentRecord {
  return {
    id: row.id,
    provider: { providerType: row.provider_type, baseUrl: row.base_url, options: row.options },
    upstreamModel: row.upstream_model,
    weight: row.weight,
    priority: row.priority,
    tags: row.tags,
    rpm: Number(row.rpm),
    tpm: Number(row.tpm),
    enabled: row.enabled,
    status: row.status as DeploymentStatus,
    statusReason: row.status_reason,
    checkedAt: row.checked_at,
    checkLatencyMs: row.check_latency_ms,
    sealedCredentials: row.sealed_credentials,
    credentialsHint: { hasApiKey: false, apiKeyHint: "", hasSecretKey: false, headerNames: [], ...(row.credentials_hint as Partial<CredentialsHint>) },
  };
}

export function toModelRecord(row: ModelRow, deployments: DeploymentRecord[]): ModelRecord {
  return {
    id: row.id,
    version: Number(row.version),
    aliases: row.aliases,
    ownedBy: row.owned_by,
    description: row.description,
    enabled: row.enabled,
    capability: row.capability,
    runtime: row.runtime,
    routing: row.routing,
    pricePlanId: row.price_plan_id,
    status: row.status as ModelStatus,
    statusReason: row.status_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deployments,
  };
}

export function modelColumns(model: ModelRecord): Omit<ModelRow, "created_at" | "updated_at"> {
  return {
    id: model.id,
    version: model.version,
    provider_type: model.deployments[0]?.provider.providerType ?? "",
    owned_by: model.ownedBy,
    status: model.status,
    status_reason: model.statusReason,
    endpoints: model.capability.endpoints,
    aliases: model.aliases,
    description: model.description,
    enabled: model.enabled,
    capability: JSON.stringify(model.capability) as unknown as ModelCapability,
    runtime: JSON.stringify(model.runtime) as unknown as RuntimeConfig,
    routing: JSON.stringify(model.routing) as unknown as RoutingPolicy,
    price_plan_id: model.pricePlanId,
  };
}

export function deploymentColumns(modelId: string, deployment: DeploymentRecord, position: number): Record<string, unknown> {
  return {
    model_id: modelId,
    id: deployment.id,
    position,
    provider_type: deployment.provider.providerType,
    base_url: deployment.provider.baseUrl,
    options: JSON.stringify(deployment.provider.options),
    sealed_credentials: deployment.sealedCredentials,
    credentials_hint: JSON.stringify(deployment.credentialsHint),
    upstream_model: deployment.upstreamModel,
    weight: deployment.weight,
    priority: deployment.priority,
    tags: deployment.tags,
    rpm: deployment.rpm,
    tpm: deployment.tpm,
    enabled: deployment.enabled,
    status: deployment.status,
    status_reason: deployment.statusReason,
    checked_at: deployment.checkedAt,
    check_latency_ms: deployment.checkLatencyMs,
  };
}
