import { AppError } from "@llm-serve/common";
import { formatPeriod, type Denial, type Dimension } from "@llm-serve/quota-engine";

const DIMENSION_NAMES: Readonly<Record<Dimension, string>> = {
  requests_per_minute: "requests per minute (RPM)",
  tokens_per_minute: "tokens per minute (TPM)",
  concurrent_requests: "concurrent requests",
  token_budget: "token budget",
  cost_budget: "cost budget (micro-units)",
};

function retryText(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7_200) return `${Math.ceil(seconds / 60)}m`;
  return `${Math.ceil(seconds / 3_600)}h`;
}

/**
 * The 429 of a refused reservation, worded like OpenAI's: `rate_limited` (rate_limit_exceeded) for
 * a rate limit, `quota_exceeded` (insufficient_quota) only for a budget that is really spent. A
 * budget refused only because requests in flight hold its room (their settled usage leaves room
 * for this one) is temporary: rate_limit_exceeded naming the budget, with used and held apart and
 * a retry-after of about one hold's lifetime. The refusal that lasts longest is the one reported;
 * `retry-after` and the x-ratelimit headers travel in the details.
 */
export function denialError(denials: readonly Denial[], headers: Record<string, string>): AppError {
  const spent = denials.find((denial) => denial.counter.info.kind === "budget" && !denial.temporary);
  const chosen = spent ?? [...denials].sort((a, b) => b.retryAfterSeconds - a.retryAfterSeconds || Number(a.temporary) - Number(b.temporary))[0]!;
  const { counter } = chosen;
  const { policy, subjectId } = counter.applied;
  const period = counter.info.kind === "budget" ? ` per ${formatPeriod(budgetPeriod(chosen))}` : "";
  const what = `${DIMENSION_NAMES[counter.dimension]}${period} of ${policy.scope} ${subjectId}${policy.model ? ` for ${policy.model}` : ""}`;
  const details = { retryAfterSeconds: chosen.retryAfterSeconds, headers, policyId: policy.id, dimension: counter.dimension, temporary: chosen.temporary };
  if (chosen.temporary) {
    const held = Math.max(0, chosen.committed - chosen.used);
    const figures = `Limit ${counter.limit}, Used ${chosen.used}, Held by requests in flight ${held}, Requested ${counter.amount}`;
    // Nothing held, yet refused for a while: requests waiting in line came first (FIFO admission).
    const why = held > 0 ? "requests in flight hold the rest" : "requests waiting in line before this one come first";
    return new AppError("rate_limited", `Rate limit reached for ${what} (policy ${policy.id}): ${figures}. The budget is not spent; ${why}. Please try again in ${retryText(chosen.retryAfterSeconds)}.`, { details });
  }
  const figures = `Limit ${counter.limit}, Used ${chosen.committed}, Requested ${counter.amount}`;
  if (counter.info.kind === "budget") {
    return new AppError("quota_exceeded", `You exceeded your current quota: ${what} (policy ${policy.id}). ${figures}. It resets in ${retryText(chosen.retryAfterSeconds)}.`, { details });
  }
  return new AppError("rate_limited", `Rate limit reached for ${what} (policy ${policy.id}): ${figures}. Please try again in ${retryText(chosen.retryAfterSeconds)}.`, { details });
}

function budgetPeriod(denial: Denial) {
  const { policy } = denial.counter.applied;
  const budget = denial.counter.dimension === "token_budget" ? policy.tokenBudget : policy.costBudget;
  return budget!.period;
}
