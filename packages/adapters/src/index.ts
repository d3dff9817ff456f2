export * from "./spec/index.js";
export * from "./http/index.js";
export * from "./tokenizer/index.js";
export { OpenAICompatibleAdapter } from "./openai-compatible/openai-compatible-adapter.js";
export { defineOpenAICompatibleSettings, type OpenAICompatibleSettings } from "./openai-compatible/openai-compatible-settings.js";
export { MockAdapter } from "./providers/mock/mock-adapter.js";
export { AnthropicAdapter } from "./providers/anthropic/anthropic-adapter.js";
export { GeminiAdapter } from "./providers/gemini/gemini-adapter.js";
export { createAdapter, isProviderType, PROVIDER_TYPES, type AdapterDependencies, type ProviderType } from "./registry.js";
