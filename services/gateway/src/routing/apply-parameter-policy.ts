/** A model's runtime parameter rules (the registry's RuntimeConfig), carried on each Deployment. */
export interface ParameterPolicy {
  /** Applied when the request leaves the parameter out. */
  defaults: Record<string, unknown>;
  /** Replace whatever the request sets. */
  overrides: Record<string, unknown>;
  bounds: {
    temperature: { min: number; max: number };
    topP: { min: number; max: number };
    /** Upper bound of max_tokens / max_completion_tokens; 0 = none. */
    maxTokens: number;
  };
}

function clamp(value: unknown, min: number, max: number): unknown {
  return typeof value === "number" ? Math.min(Math.max(value, min), max) : value;
}

/**
 * Lays a model's defaults under a request body and its overrides over it, then clamps sampling
 * parameters and output length into the model's bounds. Pure: returns a new body.
 */
export function applyParameterPolicy<T extends object>(body: T, policy: ParameterPolicy | undefined): T {
  if (!policy) return body;
  const result: Record<string, unknown> = { ...policy.defaults };
  for (const [key, value] of Object.entries(body)) if (value !== undefined) result[key] = value;
  Object.assign(result, policy.overrides);
  const { temperature, topP, maxTokens } = policy.bounds;
  if (result.temperature !== undefined && result.temperature !== null) result.temperature = clamp(result.temperature, temperature.min, temperature.max);
  if (result.top_p !== undefined && result.top_p !== null) result.top_p = clamp(result.top_p, topP.min, topP.max);
  if (maxTokens > 0) {
    for (const key of ["max_tokens", "max_completion_tokens"]) if (typeof result[key] === "number") result[key] = Math.min(result[key] as number, maxTokens);
  }
  return result as T;
}
