import type { ModelCapability, RoutingPolicy, RuntimeConfig } from "./model-config.js";

/** Values a model gets when its configuration leaves them out. */
export const DEFAULT_RUNTIME: Readonly<RuntimeConfig> = Object.freeze({
  timeouts: { connectMs: 10_000, firstByteMs: 60_000, idleMs: 60_000, totalMs: 600_000 },
  maxRetries: 2,
  bounds: { temperature: { min: 0, max: 2 }, topP: { min: 0, max: 1 }, maxTokens: 0 },
  defaultParameters: {},
  overrideParameters: {},
});

export const DEFAULT_ROUTING: Readonly<RoutingPolicy> = Object.freeze({ strategy: "weighted_random", fallbacks: [] });

export const DEFAULT_CAPABILITY: Readonly<ModelCapability> = Object.freeze({
  endpoints: ["chat.completions"],
  contextWindow: 8_192,
  maxOutputTokens: 4_096,
  supportsTools: false,
  supportsVision: false,
  supportsStreaming: true,
});

/** Proto3 cannot tell 0 from "not set": for fields where 0 is not a valid value, 0 means the default. */
export function unlessZero(value: number | undefined, fallback: number): number {
  return value === undefined || value === 0 ? fallback : value;
}
