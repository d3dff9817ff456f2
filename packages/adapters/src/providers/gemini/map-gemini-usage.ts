import { createUsage, type Usage } from "../../spec/usage.js";
import type { GeminiUsageMetadata } from "./gemini-types.js";

/** candidatesTokenCount excludes thinking; OpenAI's completion_tokens includes reasoning, so add it. */
export function mapGeminiUsage(metadata: GeminiUsageMetadata): Usage {
  const reasoningTokens = metadata.thoughtsTokenCount ?? 0;
  const promptTokens = metadata.promptTokenCount ?? 0;
  const completionTokens = (metadata.candidatesTokenCount ?? 0) + reasoningTokens;
  return createUsage({
    promptTokens,
    completionTokens,
    totalTokens: metadata.totalTokenCount ?? promptTokens + completionTokens,
    cachedPromptTokens: metadata.cachedContentTokenCount ?? 0,
    reasoningTokens,
  });
}
