import { createUsage, type Usage } from "../../spec/usage.js";
import type { AnthropicUsage } from "./anthropic-types.js";

/**
 * Anthropic's input_tokens excludes cached tokens; OpenAI's prompt_tokens includes them. We follow
 * OpenAI: prompt = input + cache reads + cache writes, and cached = cache reads.
 */
export function mapAnthropicUsage(usage: AnthropicUsage): Usage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const promptTokens = (usage.input_tokens ?? 0) + cacheRead + (usage.cache_creation_input_tokens ?? 0);
  return createUsage({ promptTokens, completionTokens: usage.output_tokens ?? 0, cachedPromptTokens: cacheRead });
}
