import type { DeploymentRouter } from "../ports/deployment-router.js";

export interface OutputBudget {
  /** Output tokens reserved per choice. */
  tokens: number;
  /** Set when the request must be capped so that usage stays within the reservation. */
  cap?: number;
}

/**
 * What a request reserves for its answer: its own max_tokens when it names one (at most the model's
 * bound, to which the vendor request is clamped); otherwise the
 * model's maximum output (the vendor cannot exceed it); otherwise the configured default, and then
 * the vendor request is capped at that default — so a settled answer never uses more than was
 * reserved, which is what keeps every quota's overspend bound.
 */
export function outputBudget(router: DeploymentRouter, model: string, requested: number | null | undefined, defaultTokens: number): OutputBudget {
  if (requested !== null && requested !== undefined) {
    // The vendor request's max_tokens is clamped to the model's bound: more would only hold room
    // the answer can never use (a tighter hold, still an upper bound).
    const bound = router.maxTokensBound?.(model) ?? 0;
    return { tokens: bound > 0 ? Math.min(requested, bound) : requested };
  }
  const limit = router.outputLimit?.(model) ?? 0;
  if (limit > 0) return { tokens: limit };
  return { tokens: defaultTokens, cap: defaultTokens };
}
