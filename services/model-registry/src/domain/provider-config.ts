import type { ProviderConfig } from "@llm-serve/adapters";
import type { Credentials, ProviderInfo } from "./model-config.js";

/** The adapters' per-call provider configuration for a deployment (credentials in plaintext). */
export function toProviderConfig(provider: ProviderInfo, credentials: Credentials | null): ProviderConfig {
  const config: ProviderConfig = { ...provider.options };
  if (provider.baseUrl) config.baseUrl = provider.baseUrl;
  if (credentials?.apiKey) config.apiKey = credentials.apiKey;
  if (credentials?.secretKey) config.secretKey = credentials.secretKey;
  if (credentials?.headers && Object.keys(credentials.headers).length > 0) config.headers = { ...credentials.headers };
  return config;
}
