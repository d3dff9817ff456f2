/**
 * Model name -> the last path segment of the v1 chat URL (from the official SDK's table). The model
 * registry can add or override entries with `config.modelEndpoints`; an unknown model is used as
 * its own endpoint (self-deployed services are addressed by their deployment name).
 */
export const BAIDU_CHAT_ENDPOINTS: Readonly<Record<string, string>> = Object.freeze({
  "ERNIE-3.5-8K": "completions",
  "ERNIE-Bot": "completions",
  "ERNIE-4.0-8K": "completions_pro",
  "ERNIE-Bot-4": "completions_pro",
  "ERNIE-4.0-Turbo-8K": "ernie-4.0-turbo-8k",
  "ERNIE-3.5-128K": "ernie-3.5-128k",
  "ERNIE-Speed-8K": "ernie_speed",
  "ERNIE-Speed-128K": "ernie-speed-128k",
  "ERNIE-Lite-8K-0922": "eb-instant",
  "ERNIE-Bot-turbo": "eb-instant",
  "ERNIE-Lite-8K": "ernie-lite-8k",
  "ERNIE-Tiny-8K": "ernie-tiny-8k",
  "ERNIE-Functions-8K": "ernie-func-8k",
  "Llama-2-70B-Chat": "llama_2_70b",
});

export const BAIDU_EMBEDDING_ENDPOINTS: Readonly<Record<string, string>> = Object.freeze({
  "Embedding-V1": "embedding-v1",
  "bge-large-zh": "bge_large_zh",
  "bge-large-en": "bge_large_en",
  "tao-8k": "tao_8k",
});

export function resolveBaiduEndpoint(model: string, table: Readonly<Record<string, string>>, overrides: Record<string, string> | undefined): string {
  return overrides?.[model] ?? table[model] ?? caseInsensitiveLookup(model, table) ?? model;
}

function caseInsensitiveLookup(model: string, table: Readonly<Record<string, string>>): string | undefined {
  const lower = model.toLowerCase();
  for (const [name, endpoint] of Object.entries(table)) if (name.toLowerCase() === lower || endpoint === lower) return endpoint;
  return undefined;
}
