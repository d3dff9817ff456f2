import { AppError } from "@llm-serve/common";
import type { DeploymentRouter } from "../ports/deployment-router.js";

export interface OutputBudget {
  /** Output tokens reserved per choice. */
  tokens: number;
  /** Set when the request must be capped so that usage stays within the reservation. */
  cap?: number;
}

/** Which request field named the output limit, for the error that refuses it. */
export interface RequestedOutput {
  tokens: number | null | undefined;
  param: string;
}

/**
 * What a request reserves for its answer: its own max_tokens when it names one (at most the model's
 * bound, to which the vendor request is clamped); otherwise the
 * model's maximum output (the vendor cannot exceed it); otherwise the configured default, and then
 * the vendor request is capped at that default — so a settled answer never uses more than was
 * reserved, which is what keeps every quota's overspend bound. A request asking for more than the
 * model's maximum output is refused (400, naming the param), as OpenAI does: otherwise one request
 * could reserve — and make the tokenizer count against — a million tokens it can never use.
 */
export function outputBudget(router: DeploymentRouter, model: string, requested: RequestedOutput, defaultTokens: number): OutputBudget {
  const limit = router.outputLimit?.(model) ?? 0;
  if (requested.tokens !== null && requested.tokens !== undefined) {
    if (limit > 0 && requested.tokens > limit) {
      throw new AppError(
        "invalid_request",
        `${requested.param} is too large: ${requested.tokens}. This model supports at most ${limit} completion tokens, whereas you provided ${requested.tokens}.`,
        { details: { param: requested.param, openaiCode: "invalid_value" } },
      );
    }
    // The vendor request's max_tokens is clamped to the model's bound: more would only hold room
    // the answer can never use (a tighter hold, still an upper bound).
    const bound = router.maxTokensBound?.(model) ?? 0;
    return { tokens: bound > 0 ? Math.min(requested.tokens, bound) : requested.tokens };
  }
  if (limit > 0) return { tokens: limit };
  return { tokens: defaultTokens, cap: defaultTokens };
}
