/**
 * Normalised usage, the one shape every adapter reports for every endpoint.
 * `estimated` is true when the vendor did not report usage and we counted tokens ourselves.
 */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedPromptTokens: number;
  reasoningTokens: number;
  /** Seconds of audio processed (transcription/translation billed by duration). */
  audioSeconds: number;
  /** Number of images produced (image generation/edit). */
  images: number;
  estimated: boolean;
}

/** OpenAI's `CompletionUsage` wire shape, as it appears inside canonical responses. */
export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number } | null;
  completion_tokens_details?: {
    reasoning_tokens?: number;
    audio_tokens?: number;
    accepted_prediction_tokens?: number;
    rejected_prediction_tokens?: number;
  } | null;
}

export function createUsage(partial: Partial<Usage> = {}): Usage {
  const promptTokens = partial.promptTokens ?? 0;
  const completionTokens = partial.completionTokens ?? 0;
  return {
    promptTokens,
    completionTokens,
    totalTokens: partial.totalTokens ?? promptTokens + completionTokens,
    cachedPromptTokens: partial.cachedPromptTokens ?? 0,
    reasoningTokens: partial.reasoningTokens ?? 0,
    audioSeconds: partial.audioSeconds ?? 0,
    images: partial.images ?? 0,
    estimated: partial.estimated ?? false,
  };
}

export function usageFromOpenAI(usage: OpenAIUsage): Usage {
  return createUsage({
    promptTokens: usage.prompt_tokens ?? 0,
    completionTokens: usage.completion_tokens ?? 0,
    totalTokens: usage.total_tokens,
    cachedPromptTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
  });
}

/** The OpenAI wire form of a normalised usage (for the gateway's `include_usage` chunk). */
export function toOpenAIUsage(usage: Usage): OpenAIUsage {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.totalTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedPromptTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}

const TOKEN_FIELDS = ["promptTokens", "completionTokens", "totalTokens", "cachedPromptTokens", "reasoningTokens", "images"] as const;

/**
 * The first figure of a vendor's usage that cannot be charged — a token or image count that is
 * not a non-negative safe integer, or audio seconds that are negative or not finite — or undefined
 * when every figure is sound. Such a usage is treated as absent: the caller estimates instead.
 */
export function invalidUsageField(usage: Usage | undefined | null): string | undefined {
  if (usage === undefined || usage === null || typeof usage !== "object") return "usage";
  for (const field of TOKEN_FIELDS) {
    const value: unknown = usage[field];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) return field;
  }
  if (typeof usage.audioSeconds !== "number" || !Number.isFinite(usage.audioSeconds) || usage.audioSeconds < 0) return "audioSeconds";
  return undefined;
}
