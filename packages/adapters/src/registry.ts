import type { HttpTransport } from "./http/http-transport.js";
import { UndiciTransport } from "./http/undici-transport.js";
import { createOpenAICompatibleAdapter } from "./openai-compatible/presets.js";
import { AnthropicAdapter } from "./providers/anthropic/anthropic-adapter.js";
import { createAzureOpenAIAdapter } from "./providers/azure-openai/azure-openai-adapter.js";
import { BaiduWenxinAdapter } from "./providers/baidu/baidu-adapter.js";
import { GeminiAdapter } from "./providers/gemini/gemini-adapter.js";
import { MockAdapter } from "./providers/mock/mock-adapter.js";
import { createOpenAIAdapter } from "./providers/openai/openai-adapter.js";
import { createQianfanAdapter } from "./providers/qianfan/qianfan-adapter.js";
import { createZhipuAdapter } from "./providers/zhipu/zhipu-adapter.js";
import type { ProviderAdapter } from "./spec/provider-adapter.js";

export interface AdapterDependencies {
  /** Share one transport (one set of keep-alive pools) across adapters; a new one is made if absent. */
  transport?: HttpTransport;
  /** Clock for token caches and ids (tests pass a fake). */
  now?: () => number;
}

type AdapterFactory = (transport: HttpTransport, now: () => number) => ProviderAdapter;

/** The provider table: one entry per provider type the model registry can configure. */
const PROVIDERS = {
  openai: (transport) => createOpenAIAdapter(transport),
  "azure-openai": (transport) => createAzureOpenAIAdapter(transport),
  anthropic: (transport, now) => new AnthropicAdapter(transport, now),
  gemini: (transport, now) => new GeminiAdapter(transport, now),
  "baidu-wenxin": (transport, now) => new BaiduWenxinAdapter(transport, now),
  "baidu-qianfan": (transport) => createQianfanAdapter(transport),
  zhipu: (transport, now) => createZhipuAdapter(transport, now),
  deepseek: (transport) => createOpenAICompatibleAdapter("deepseek", transport),
  dashscope: (transport) => createOpenAICompatibleAdapter("dashscope", transport),
  moonshot: (transport) => createOpenAICompatibleAdapter("moonshot", transport),
  ollama: (transport) => createOpenAICompatibleAdapter("ollama", transport),
  vllm: (transport) => createOpenAICompatibleAdapter("vllm", transport),
  "openai-compatible": (transport) => createOpenAICompatibleAdapter("openai-compatible", transport),
  mock: (_transport, now) => new MockAdapter(now),
} satisfies Record<string, AdapterFactory>;

export type ProviderType = keyof typeof PROVIDERS;

export const PROVIDER_TYPES = Object.keys(PROVIDERS) as ProviderType[];

export function isProviderType(value: string): value is ProviderType {
  return Object.hasOwn(PROVIDERS, value);
}

/** The single entry point: `createAdapter("anthropic", { transport })`. */
export function createAdapter(providerType: ProviderType, dependencies: AdapterDependencies = {}): ProviderAdapter {
  if (!isProviderType(providerType)) throw new Error(`Unknown provider type: ${String(providerType)}`);
  const factory: AdapterFactory = PROVIDERS[providerType];
  return factory(dependencies.transport ?? new UndiciTransport(), dependencies.now ?? Date.now);
}
