import { createUsage, type Usage } from "../spec/usage.js";

/** OpenAI usage plus the vendor variants: DeepSeek `prompt_cache_hit_tokens`, Zhipu/DashScope details. */
export function normalizeOpenAIUsage(raw: unknown): Usage | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const usage = raw as Record<string, unknown>;
  const promptTokens = numberOr(usage.prompt_tokens, 0);
  const completionTokens = numberOr(usage.completion_tokens, 0);
  const promptDetails = (usage.prompt_tokens_details ?? {}) as Record<string, unknown>;
  const completionDetails = (usage.completion_tokens_details ?? {}) as Record<string, unknown>;
  return createUsage({
    promptTokens,
    completionTokens,
    totalTokens: numberOr(usage.total_tokens, promptTokens + completionTokens),
    cachedPromptTokens: numberOr(promptDetails.cached_tokens, numberOr(usage.prompt_cache_hit_tokens, 0)),
    reasoningTokens: numberOr(completionDetails.reasoning_tokens, 0),
  });
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}
