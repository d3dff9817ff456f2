/**
 * Everything an adapter needs for one call arrives here: adapters never read the environment.
 */
export interface Timeouts {
  /** TCP + TLS connect. */
  connectMs: number;
  /** From sending the request to the response headers. */
  firstByteMs: number;
  /** Longest silence allowed between two body chunks (stream keep-alive gap). */
  idleMs: number;
  /** Whole call, including reading the full body or stream. */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = Object.freeze({
  connectMs: 10_000,
  firstByteMs: 60_000,
  idleMs: 60_000,
  totalMs: 600_000,
});

/** Credentials and endpoint settings of one configured provider instance (from the model registry). */
export interface ProviderConfig {
  /** API key (OpenAI-style bearer, Anthropic x-api-key, Gemini key, Baidu v1 client id, Zhipu `id.secret`). */
  apiKey?: string;
  /** Baidu Wenxin v1: the secret key paired with `apiKey` for the OAuth token. */
  secretKey?: string;
  /** Overrides the provider's default base URL (tests point this at a mock upstream). */
  baseUrl?: string;
  /** Extra headers sent on every call. */
  headers?: Record<string, string>;
  /** OpenAI: `OpenAI-Organization` / `OpenAI-Project`. */
  organization?: string;
  project?: string;
  /** Azure `api-version`, Anthropic `anthropic-version`. */
  apiVersion?: string;
  /** Azure: model name -> deployment id (the model name is used when absent). */
  deployments?: Record<string, string>;
  /** Baidu Wenxin v1: model name -> chat endpoint path segment (merged over the built-in table). */
  modelEndpoints?: Record<string, string>;
  /** Zhipu: `jwt` signs a short-lived token from `id.secret`; `key` (default) sends the key as is. */
  authMode?: "key" | "jwt";
  /** Baidu Qianfan v2: optional `appid` header. */
  appId?: string;
  /** Mock provider: delay between streamed chunks and embedding dimension. */
  mockStreamDelayMs?: number;
  mockEmbeddingDimensions?: number;
}

export interface CallContext {
  config: ProviderConfig;
  /** Aborting closes the upstream connection. */
  signal?: AbortSignal;
  /** Absolute deadline (epoch ms); shortens `timeouts.totalMs` when sooner. */
  deadline?: number;
  timeouts?: Partial<Timeouts>;
  /** Propagated as `x-request-id` where the vendor accepts it. */
  requestId?: string;
}
