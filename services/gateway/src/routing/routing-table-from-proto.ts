import { isProviderType, type ProviderConfig } from "@llm-serve/adapters";
import { isRoutingStrategy, type FallbackRule } from "@llm-serve/routing";
import type { modelRegistryV1 } from "@llm-serve/proto";
import type { ParameterPolicy } from "./apply-parameter-policy.js";
import type { TableDeployment, TableModel } from "./table-types.js";

const DEFAULT_TIMEOUTS = { connectMs: 10_000, firstByteMs: 60_000, idleMs: 60_000, totalMs: 600_000 };

/** The registry's routing view → the gateway's table entry. Deployments of unknown providers are left out. */
export function tableModelFromProto(model: modelRegistryV1.RoutingModel): TableModel {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...model.runtime?.timeouts };
  const parameters = parameterPolicyOf(model.runtime, model.capability?.maxOutputTokens ?? 0);
  const deployments: TableDeployment[] = [];
  for (const deployment of model.deployments) {
    if (!isProviderType(deployment.providerType)) continue;
    deployments.push({
      id: `${model.id}/${deployment.id}`,
      deploymentId: deployment.id,
      modelId: model.id,
      provider: deployment.providerType,
      upstreamModel: deployment.upstreamModel,
      config: providerConfigOf(deployment),
      timeouts,
      parameters,
      tags: deployment.tags,
      weight: Math.max(deployment.weight, 1),
      priority: deployment.priority,
      rpm: deployment.rpm,
      tpm: deployment.tpm,
      healthy: deployment.status !== "error",
      status: deployment.status,
      statusReason: deployment.statusReason,
    });
  }
  const strategy = model.routing?.strategy ?? "";
  return {
    id: model.id,
    version: model.version,
    aliases: model.aliases,
    ownedBy: model.ownedBy,
    createdAtSeconds: Math.floor(model.createdAtMs / 1000),
    status: model.status,
    statusReason: model.statusReason,
    endpoints: model.capability?.endpoints ?? [],
    contextWindow: model.capability?.contextWindow ?? 0,
    maxOutputTokens: model.capability?.maxOutputTokens ?? 0,
    supportsTools: model.capability?.supportsTools ?? false,
    supportsVision: model.capability?.supportsVision ?? false,
    supportsStreaming: model.capability?.supportsStreaming ?? false,
    strategy: isRoutingStrategy(strategy) ? strategy : "weighted_random",
    maxRetries: model.runtime?.maxRetries ?? 2,
    fallbacks: (model.routing?.fallbacks ?? []).map((rule) => ({ model: rule.model, on: rule.on as FallbackRule["on"] })),
    deployments,
  };
}

function providerConfigOf(deployment: modelRegistryV1.RoutingDeployment): ProviderConfig {
  const options = deployment.options;
  const credentials = deployment.credentials;
  const config: ProviderConfig = {};
  if (deployment.baseUrl) config.baseUrl = deployment.baseUrl;
  if (credentials?.apiKey) config.apiKey = credentials.apiKey;
  if (credentials?.secretKey) config.secretKey = credentials.secretKey;
  if (credentials && Object.keys(credentials.headers).length > 0) config.headers = { ...credentials.headers };
  if (!options) return config;
  if (options.organization) config.organization = options.organization;
  if (options.project) config.project = options.project;
  if (options.apiVersion) config.apiVersion = options.apiVersion;
  if (options.appId) config.appId = options.appId;
  if (options.authMode === "key" || options.authMode === "jwt") config.authMode = options.authMode;
  if (Object.keys(options.deployments).length > 0) config.deployments = { ...options.deployments };
  if (Object.keys(options.modelEndpoints).length > 0) config.modelEndpoints = { ...options.modelEndpoints };
  if (options.mockStreamDelayMs) config.mockStreamDelayMs = options.mockStreamDelayMs;
  if (options.mockEmbeddingDimensions) config.mockEmbeddingDimensions = options.mockEmbeddingDimensions;
  return config;
}

function parseObject(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function parameterPolicyOf(runtime: modelRegistryV1.RuntimeConfig | undefined, maxOutputTokens: number): ParameterPolicy {
  return {
    defaults: parseObject(runtime?.defaultParametersJson),
    overrides: parseObject(runtime?.overrideParametersJson),
    bounds: {
      temperature: runtime?.bounds?.temperature ?? { min: 0, max: 2 },
      topP: runtime?.bounds?.topP ?? { min: 0, max: 1 },
      maxTokens: runtime?.bounds?.maxTokens || maxOutputTokens,
    },
  };
}
