// Public API of @llm-serve/adapters. The gateway needs createAdapter + the spec types; the rest is
// exported for advanced composition (custom presets, sharing a transport, replaying fixtures).
export * from "./spec/index.js";
export * from "./http/index.js";
export * from "./tokenizer/index.js";
export { createAdapter, isProviderType, PROVIDER_TYPES, type AdapterDependencies, type ProviderType } from "./registry.js";
export { OpenAICompatibleAdapter } from "./openai-compatible/openai-compatible-adapter.js";
export { bearerAuth, defineOpenAICompatibleSettings, type OpenAICompatibleSettings } from "./openai-compatible/openai-compatible-settings.js";
export { createOpenAICompatibleAdapter, OPENAI_COMPATIBLE_PRESETS, type OpenAICompatiblePreset } from "./openai-compatible/presets.js";
export { createOpenAIAdapter } from "./providers/openai/openai-adapter.js";
export { createAzureOpenAIAdapter } from "./providers/azure-openai/azure-openai-adapter.js";
export { AnthropicAdapter } from "./providers/anthropic/anthropic-adapter.js";
export { GeminiAdapter } from "./providers/gemini/gemini-adapter.js";
export { BaiduWenxinAdapter } from "./providers/baidu/baidu-adapter.js";
export { createQianfanAdapter } from "./providers/qianfan/qianfan-adapter.js";
export { createZhipuAdapter } from "./providers/zhipu/zhipu-adapter.js";
export { signZhipuJwt } from "./providers/zhipu/zhipu-jwt.js";
export { MockAdapter } from "./providers/mock/mock-adapter.js";
