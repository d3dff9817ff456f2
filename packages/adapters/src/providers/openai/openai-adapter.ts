import type { HttpTransport } from "../../http/http-transport.js";
import { OpenAICompatibleAdapter } from "../../openai-compatible/openai-compatible-adapter.js";
import { bearerAuth, defineOpenAICompatibleSettings } from "../../openai-compatible/openai-compatible-settings.js";
import type { ProviderConfig } from "../../spec/call-context.js";
import { openAICapabilities } from "./openai-capabilities.js";

export const OPENAI_BASE_URL = "https://api.openai.com/v1";

export function openAIHeaders(config: ProviderConfig): Record<string, string> {
  const headers = bearerAuth(config);
  if (config.organization !== undefined) headers["openai-organization"] = config.organization;
  if (config.project !== undefined) headers["openai-project"] = config.project;
  return headers;
}

export const openAISettings = defineOpenAICompatibleSettings({
  provider: "openai",
  defaultBaseUrl: OPENAI_BASE_URL,
  capabilities: openAICapabilities,
  authHeaders: openAIHeaders,
});

export function createOpenAIAdapter(transport: HttpTransport): OpenAICompatibleAdapter {
  return new OpenAICompatibleAdapter(openAISettings, transport);
}
