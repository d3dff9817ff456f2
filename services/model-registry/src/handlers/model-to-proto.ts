import type { modelRegistryV1 } from "@llm-serve/proto";
import type { RoutingModel } from "../domain/list-routing-table.js";
import type { Credentials, DeploymentRecord, ModelCapability, ModelRecord, ProviderOptions, RuntimeConfig } from "../domain/model-config.js";

export function modelToProto(model: ModelRecord): modelRegistryV1.Model {
  return {
    id: model.id,
    version: model.version,
    providerType: model.deployments[0]?.provider.providerType ?? "",
    ownedBy: model.ownedBy,
    status: model.status,
    createdAtMs: model.createdAt.getTime(),
    endpoints: model.capability.endpoints,
    aliases: model.aliases,
    description: model.description,
    enabled: model.enabled,
    statusReason: model.statusReason,
    capability: model.capability,
    runtime: runtimeToProto(model.runtime),
    routing: model.routing,
    pricePlanId: model.pricePlanId,
    deployments: model.deployments.map(deploymentToProto),
    updatedAtMs: model.updatedAt.getTime(),
  };
}

function deploymentToProto(deployment: DeploymentRecord): modelRegistryV1.Deployment {
  return {
    id: deployment.id,
    providerType: deployment.provider.providerType,
    baseUrl: deployment.provider.baseUrl,
    credentials: deployment.credentialsHint,
    options: optionsToProto(deployment.provider.options),
    upstreamModel: deployment.upstreamModel,
    weight: deployment.weight,
    priority: deployment.priority,
    tags: deployment.tags,
    rpm: deployment.rpm,
    tpm: deployment.tpm,
    enabled: deployment.enabled,
    status: deployment.status,
    statusReason: deployment.statusReason,
    checkedAtMs: deployment.checkedAt?.getTime() ?? 0,
    checkLatencyMs: deployment.checkLatencyMs,
  };
}

export function runtimeToProto(runtime: RuntimeConfig): modelRegistryV1.RuntimeConfig {
  return {
    timeouts: runtime.timeouts,
    maxRetries: runtime.maxRetries,
    bounds: runtime.bounds,
    defaultParametersJson: JSON.stringify(runtime.defaultParameters),
    overrideParametersJson: JSON.stringify(runtime.overrideParameters),
  };
}

function optionsToProto(options: ProviderOptions): modelRegistryV1.ProviderOptions {
  return {
    organization: options.organization ?? "",
    project: options.project ?? "",
    apiVersion: options.apiVersion ?? "",
    deployments: options.deployments ?? {},
    modelEndpoints: options.modelEndpoints ?? {},
    authMode: options.authMode ?? "",
    appId: options.appId ?? "",
    mockStreamDelayMs: options.mockStreamDelayMs ?? 0,
    mockEmbeddingDimensions: options.mockEmbeddingDimensions ?? 0,
  };
}

function credentialsToProto(credentials: Credentials | null): modelRegistryV1.Credentials {
  return { apiKey: credentials?.apiKey ?? "", secretKey: credentials?.secretKey ?? "", headers: credentials?.headers ?? {} };
}

/** The internal routing view: the one place credentials leave the registry in full. */
export function routingModelToProto(model: RoutingModel): modelRegistryV1.RoutingModel {
  const capability: ModelCapability = model.capability;
  return {
    id: model.id,
    version: model.version,
    aliases: model.aliases,
    ownedBy: model.ownedBy,
    createdAtMs: model.createdAt.getTime(),
    status: model.status,
    statusReason: model.statusReason,
    capability,
    runtime: runtimeToProto(model.runtime),
    routing: model.routing,
    pricePlanId: model.pricePlanId,
    deployments: model.deployments.map((deployment) => ({
      id: deployment.id,
      providerType: deployment.provider.providerType,
      upstreamModel: deployment.upstreamModel,
      baseUrl: deployment.provider.baseUrl,
      credentials: credentialsToProto(deployment.credentials),
      options: optionsToProto(deployment.provider.options),
      weight: deployment.weight,
      priority: deployment.priority,
      tags: deployment.tags,
      rpm: deployment.rpm,
      tpm: deployment.tpm,
      status: deployment.status,
      statusReason: deployment.statusReason,
    })),
  };
}
