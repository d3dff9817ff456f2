import { AppError } from "@llm-serve/common";
import type { modelRegistryV1 } from "@llm-serve/proto";
import type { Credentials, DeploymentInput, ModelCapability, ModelInput, ProviderOptions, RuntimeConfig } from "../domain/model-config.js";
import { DEFAULT_CAPABILITY, DEFAULT_ROUTING, DEFAULT_RUNTIME, unlessZero } from "../domain/model-defaults.js";

type ProtoInput = modelRegistryV1.ModelInput;

/** proto ModelInput → domain input, with proto3's zero values read as "use the default". */
export function modelInputFromProto(proto: ProtoInput | undefined): ModelInput {
  if (!proto) throw new AppError("invalid_request", "model is required", { details: { param: "model" } });
  const capability = capabilityFromProto(proto.capability);
  return {
    id: proto.id.trim(),
    aliases: proto.aliases,
    ownedBy: proto.ownedBy || "llm-serve",
    description: proto.description,
    enabled: proto.enabled ?? true,
    capability,
    runtime: runtimeFromProto(proto.runtime),
    routing: { strategy: proto.routing?.strategy || DEFAULT_ROUTING.strategy, fallbacks: (proto.routing?.fallbacks ?? []).map((rule) => ({ model: rule.model, on: rule.on })) },
    pricePlanId: proto.pricePlanId,
    deployments: proto.deployments.map(deploymentFromProto),
  };
}

function capabilityFromProto(proto: modelRegistryV1.ModelCapability | undefined): ModelCapability {
  if (!proto) return { ...DEFAULT_CAPABILITY };
  return {
    endpoints: proto.endpoints.length > 0 ? proto.endpoints : [...DEFAULT_CAPABILITY.endpoints],
    contextWindow: unlessZero(proto.contextWindow, DEFAULT_CAPABILITY.contextWindow),
    maxOutputTokens: unlessZero(proto.maxOutputTokens, DEFAULT_CAPABILITY.maxOutputTokens),
    supportsTools: proto.supportsTools,
    supportsVision: proto.supportsVision,
    supportsStreaming: proto.supportsStreaming,
  };
}

function runtimeFromProto(proto: modelRegistryV1.RuntimeConfig | undefined): RuntimeConfig {
  const timeouts = proto?.timeouts;
  const defaults = DEFAULT_RUNTIME;
  return {
    timeouts: {
      connectMs: unlessZero(timeouts?.connectMs, defaults.timeouts.connectMs),
      firstByteMs: unlessZero(timeouts?.firstByteMs, defaults.timeouts.firstByteMs),
      idleMs: unlessZero(timeouts?.idleMs, defaults.timeouts.idleMs),
      totalMs: unlessZero(timeouts?.totalMs, defaults.timeouts.totalMs),
    },
    maxRetries: proto?.maxRetries ?? defaults.maxRetries,
    bounds: {
      temperature: proto?.bounds?.temperature ?? { ...defaults.bounds.temperature },
      topP: proto?.bounds?.topP ?? { ...defaults.bounds.topP },
      maxTokens: proto?.bounds?.maxTokens ?? 0,
    },
    defaultParameters: parseParameters(proto?.defaultParametersJson, "runtime.default_parameters_json"),
    overrideParameters: parseParameters(proto?.overrideParametersJson, "runtime.override_parameters_json"),
  };
}

function parseParameters(json: string | undefined, param: string): Record<string, unknown> {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new AppError("invalid_request", `${param} must be a JSON object`, { details: { param } });
}

function deploymentFromProto(proto: modelRegistryV1.DeploymentInput, index: number): DeploymentInput {
  const deployment: DeploymentInput = {
    id: proto.id || (index === 0 ? proto.providerType : `${proto.providerType}-${index + 1}`),
    provider: { providerType: proto.providerType, baseUrl: proto.baseUrl, options: optionsFromProto(proto.options) },
    upstreamModel: proto.upstreamModel,
    weight: unlessZero(proto.weight, 1),
    priority: proto.priority,
    tags: proto.tags,
    rpm: proto.rpm,
    tpm: proto.tpm,
    enabled: proto.enabled ?? true,
  };
  if (proto.credentials) deployment.credentials = credentialsFromProto(proto.credentials);
  return deployment;
}

function credentialsFromProto(proto: modelRegistryV1.Credentials): Credentials {
  const credentials: Credentials = {};
  if (proto.apiKey) credentials.apiKey = proto.apiKey;
  if (proto.secretKey) credentials.secretKey = proto.secretKey;
  if (Object.keys(proto.headers).length > 0) credentials.headers = { ...proto.headers };
  return credentials;
}

function optionsFromProto(proto: modelRegistryV1.ProviderOptions | undefined): ProviderOptions {
  if (!proto) return {};
  const options: ProviderOptions = {};
  const strings = ["organization", "project", "apiVersion", "appId"] as const;
  for (const key of strings) if (proto[key]) options[key] = proto[key];
  if (proto.authMode === "key" || proto.authMode === "jwt") options.authMode = proto.authMode;
  if (Object.keys(proto.deployments).length > 0) options.deployments = { ...proto.deployments };
  if (Object.keys(proto.modelEndpoints).length > 0) options.modelEndpoints = { ...proto.modelEndpoints };
  if (proto.mockStreamDelayMs) options.mockStreamDelayMs = proto.mockStreamDelayMs;
  if (proto.mockEmbeddingDimensions) options.mockEmbeddingDimensions = proto.mockEmbeddingDimensions;
  return options;
}
