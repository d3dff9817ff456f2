import type { HttpTransport } from "../../http/http-transport.js";
import { OpenAICompatibleAdapter } from "../../openai-compatible/openai-compatible-adapter.js";
import { defineOpenAICompatibleSettings } from "../../openai-compatible/openai-compatible-settings.js";
import type { ProviderConfig } from "../../spec/call-context.js";
import { capabilitiesOf, classifyModelName, type ModelCapabilities } from "../../spec/capabilities.js";
import { adaptZhipuChatBody } from "./adapt-zhipu-chat-body.js";
import { parseZhipuError } from "./zhipu-error.js";
import { ZhipuTokenCache } from "./zhipu-jwt.js";

export const ZHIPU_BASE_URL = "https://open.bigmodel.cn/api/paas/v4";

export function zhipuCapabilities(model: string): ModelCapabilities {
  switch (classifyModelName(model)) {
    case "embedding":
      return capabilitiesOf(["embeddings"]);
    case "image":
      return capabilitiesOf(["imageGeneration"]);
    default:
      return capabilitiesOf(["chat", "chatStreaming", "tools", "vision"]);
  }
}

/**
 * Zhipu GLM v4: OpenAI-shaped with its own auth (plain key or a signed JWT), body differences,
 * business error codes, and usage on the stream's finish chunk (so no stream_options is sent).
 */
export function createZhipuAdapter(transport: HttpTransport, now: () => number = Date.now): OpenAICompatibleAdapter {
  const tokens = new ZhipuTokenCache(now);
  const authHeaders = (config: ProviderConfig): Record<string, string> => {
    const key = config.apiKey ?? "";
    return { authorization: `Bearer ${config.authMode === "jwt" ? tokens.tokenFor(key) : key}` };
  };
  const settings = defineOpenAICompatibleSettings({
    provider: "zhipu",
    defaultBaseUrl: ZHIPU_BASE_URL,
    capabilities: zhipuCapabilities,
    authHeaders,
    streamUsageOption: false,
    adaptChatBody: adaptZhipuChatBody,
    parseError: parseZhipuError,
    // No models endpoint: a one-token chat on the cheapest model proves the key.
    validationPath: null,
    validationModel: "glm-4-flash",
  });
  return new OpenAICompatibleAdapter(settings, transport);
}
