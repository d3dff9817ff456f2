import type { HttpTransport } from "../../http/http-transport.js";
import { OpenAICompatibleAdapter } from "../../openai-compatible/openai-compatible-adapter.js";
import { defineOpenAICompatibleSettings, joinUrl } from "../../openai-compatible/openai-compatible-settings.js";
import type { ProviderConfig } from "../../spec/call-context.js";
import type { ModelCapabilities } from "../../spec/capabilities.js";
import { openAICapabilities } from "../openai/openai-capabilities.js";

export const AZURE_DEFAULT_API_VERSION = "2024-10-21";

/** Azure serves OpenAI's endpoints per deployment, except moderation. */
export function azureCapabilities(model: string): ModelCapabilities {
  return { ...openAICapabilities(model), moderation: false };
}

/**
 * `{baseUrl}/openai/deployments/{deployment}{path}?api-version=...`. `baseUrl` is the resource
 * endpoint (`https://{resource}.openai.azure.com`); the deployment is looked up from the model name
 * in `config.deployments`, or is the model name itself.
 */
export function azureEndpointUrl(config: ProviderConfig, path: string, model: string): string {
  const base = joinUrl(config.baseUrl ?? "", "/openai");
  const version = encodeURIComponent(config.apiVersion ?? AZURE_DEFAULT_API_VERSION);
  if (model === "") return `${base}${path}?api-version=${version}`;
  const deployment = encodeURIComponent(config.deployments?.[model] ?? model);
  return `${base}/deployments/${deployment}${path}?api-version=${version}`;
}

/** Azure OpenAI: the OpenAI adapter with deployment URLs, `api-version` and the `api-key` header. */
export function createAzureOpenAIAdapter(transport: HttpTransport): OpenAICompatibleAdapter {
  const settings = defineOpenAICompatibleSettings({
    provider: "azure-openai",
    defaultBaseUrl: "",
    capabilities: azureCapabilities,
    // An Entra ID bearer can be supplied through config.headers.authorization instead.
    authHeaders: (config): Record<string, string> => (config.apiKey ? { "api-key": config.apiKey } : {}),
    endpointUrl: azureEndpointUrl,
  });
  return new OpenAICompatibleAdapter(settings, transport);
}
