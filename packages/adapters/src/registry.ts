import type { HttpTransport } from "./http/http-transport.js";
import { UndiciTransport } from "./http/undici-transport.js";
import { createOpenAIAdapter } from "./providers/openai/openai-adapter.js";
import { MockAdapter } from "./providers/mock/mock-adapter.js";
import { AnthropicAdapter } from "./providers/anthropic/anthropic-adapter.js";
import { GeminiAdapter } from "./providers/gemini/gemini-adapter.js";
import { BaiduWenxinAdapter } from "./providers/baidu/baidu-adapter.js";
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
  anthropic: (transport, now) => new AnthropicAdapter(transport, now),
  gemini: (transport, now) => new GeminiAdapter(transport, now),
  "baidu-wenxin": (transport, now) => new BaiduWenxinAdapter(transport, now),
  zhipu: (transport, now) => createZhipuAdapter(transport, now),
  mock: (_transport, now) => new MockAdapter(now),
} satisfies Record<string, AdapterFactory>;

export type ProviderType = keyof typeof PROVIDERS;

export const PROVIDER_TYPES = Object.keys(PROVIDERS) as ProviderType[];

export function isProviderType(value: string): value is ProviderType {
  return Object.hasOwn(PROVIDERS, value);
}

/** The single entry point: `createAdapter("anthropic", { transport })`. */
export function createAdapter(providerType: ProviderType, dependencies: AdapterDependencies = {}): ProviderAdapter {
  const factory: AdapterFactory = PROVIDERS[providerType];
  if (factory === undefined) throw new Error(`Unknown provider type: ${String(providerType)}`);
  return factory(dependencies.transport ?? new UndiciTransport(), dependencies.now ?? Date.now);
}
