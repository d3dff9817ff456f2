import type { CounterState } from "../counters/planned-counter.js";

/** OpenAI's duration style: `20ms`, `1s`, `1.5s`, `6m0s`, `1h2m3s`. */
export function formatResetDuration(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds));
  if (total < 1_000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.round((total % 60_000) / 10) / 100;
  if (hours > 0) return `${hours}h${minutes}m${Math.floor(seconds)}s`;
  if (minutes > 0) return `${minutes}m${Math.floor(seconds)}s`;
  return `${seconds}s`;
}

function tightest(states: readonly CounterState[]): CounterState | undefined {
  let best: CounterState | undefined;
  for (const state of states) {
    const remaining = state.counter.limit - state.committed;
    if (!best || remaining < best.counter.limit - best.committed) best = state;
  }
  return best;
}

/**
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` from the tightest request counter and
 * the tightest token counter (rate limits and token budgets alike). A family with no counter
 * sends no header: nothing limits it. On a refusal `x-ratelimit-{used,held}-*` say how much of
 * the limit is settled and how much only held by requests in flight.
 */
export function rateLimitHeaders(states: readonly CounterState[], nowMs: number): Record<string, string> {
  const headers: Record<string, string> = {};
  const families = [
    ["requests", states.filter((state) => state.counter.info.metric === "requests")],
    ["tokens", states.filter((state) => state.counter.info.metric === "tokens")],
  ] as const;
  for (const [family, candidates] of families) {
    const state = tightest(candidates);
    if (!state) continue;
    headers[`x-ratelimit-limit-${family}`] = String(state.counter.limit);
    headers[`x-ratelimit-remaining-${family}`] = String(Math.max(0, state.counter.limit - state.committed));
    headers[`x-ratelimit-reset-${family}`] = formatResetDuration(state.counter.window.resetMs - nowMs);
    if (state.used !== undefined) {
      // A refusal tells settled usage from room merely held by requests in flight.
      headers[`x-ratelimit-used-${family}`] = String(state.used);
      headers[`x-ratelimit-held-${family}`] = String(Math.max(0, state.committed - state.used));
    }
  }
  return headers;
}

/** Seconds until a refused request could fit: the end of the cycle, or a moment for held amounts. */
export function retryAfterSeconds(state: CounterState, nowMs: number, usedWithoutHolds: number): number {
  const metric = state.counter.info.metric;
  if (metric === "concurrency") return 1;
  // Only holds of tokens or money stand in the way: they settle, often for less, soon. A held
  // request always becomes a used one.
  if (metric !== "requests" && usedWithoutHolds + state.counter.amount <= state.counter.limit) return 1;
  return Math.max(1, Math.ceil((state.counter.window.resetMs - nowMs) / 1_000));
}
