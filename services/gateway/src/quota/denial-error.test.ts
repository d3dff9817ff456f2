import { KeyLayout, PolicyIndex, UserQuota, type Denial, type QuotaPolicy } from "@llm-serve/quota-engine";
import { describe, expect, it } from "vitest";
import { toOpenAIError } from "../http/openai-error.js";
import { denialError } from "./denial-error.js";

const policy = (fields: Partial<QuotaPolicy>): QuotaPolicy => ({
  id: "qp_1",
  scope: "project",
  scopeId: "proj_1",
  orgId: "org_1",
  model: "",
  failMode: "closed",
  warningThresholdsBps: [],
  timezone: "",
  version: 1,
  isDefault: false,
  ...fields,
});

function denialsOf(limits: Partial<QuotaPolicy>, retryAfterSeconds: number[], held = 0): Denial[] {
  const quota = UserQuota.of(new PolicyIndex([policy(limits)], []), { keyId: "key_1", projectId: "proj_1", orgId: "org_1" }, "m");
  const counters = quota.plan({ tokens: 500, costMicros: 0 }, { nowMs: Date.parse("2026-11-26T06:00:05Z"), settings: { timezone: "UTC", warningThresholdsBps: [] }, layout: new KeyLayout("t:"), holdKeyTtlMs: 1 });
  return counters.map((counter, index) => ({ counter, committed: counter.limit, used: counter.limit - held, temporary: held > 0 && counter.info.metric !== "requests", retryAfterSeconds: retryAfterSeconds[index] ?? 1 }));
}

describe("refusals", () => {
  it("answer a rate limit with 429 rate_limit_exceeded and its retry-after", () => {
    const error = denialError(denialsOf({ requestsPerMinute: 60 }, [55]), { "x-ratelimit-limit-requests": "60" });
    expect(error.code).toBe("rate_limited");
    expect(error.details).toMatchObject({ retryAfterSeconds: 55, policyId: "qp_1", dimension: "requests_per_minute", headers: { "x-ratelimit-limit-requests": "60" } });
    expect(error.message).toBe("Rate limit reached for requests per minute (RPM) of project proj_1 (policy qp_1): Limit 60, Used 60, Requested 1. Please try again in 55s.");
    const { status, body } = toOpenAIError(error, "req_1");
    expect(status).toBe(429);
    expect(body.error).toMatchObject({ type: "requests", code: "rate_limit_exceeded" });
  });

  it("answer a budget with 429 insufficient_quota, preferring it over a rate limit refused at once", () => {
    const error = denialError(denialsOf({ tokensPerMinute: 1_000, tokenBudget: { limit: 10_000, period: { unit: "day" } } }, [30, 64_795]), {});
    expect(error.code).toBe("quota_exceeded");
    expect(error.message).toBe("You exceeded your current quota: token budget per day of project proj_1 (policy qp_1). Limit 10000, Used 10000, Requested 500. It resets in 18h.");
    expect(toOpenAIError(error, "req_1").body.error).toMatchObject({ type: "insufficient_quota", code: "insufficient_quota" });
  });

  it("answer a budget whose room is only held by requests in flight with a temporary 429 rate_limit_exceeded naming the budget", () => {
    const error = denialError(denialsOf({ tokenBudget: { limit: 3_000, period: { unit: "day" } } }, [1], 2_600), { "x-ratelimit-used-tokens": "400", "x-ratelimit-held-tokens": "2600" });
    expect(error.code).toBe("rate_limited");
    expect(error.details).toMatchObject({ retryAfterSeconds: 1, temporary: true, dimension: "token_budget" });
    expect(error.message).toBe(
      "Rate limit reached for token budget per day of project proj_1 (policy qp_1): Limit 3000, Used 400, Held by requests in flight 2600, Requested 500. The budget is not spent; requests in flight hold the rest. Please try again in 1s.",
    );
    expect(toOpenAIError(error, "req_1").body.error).toMatchObject({ code: "rate_limit_exceeded" });
  });

  it("says so when nothing is held and waiters in line came first", () => {
    const [held] = denialsOf({ tokenBudget: { limit: 3_000, period: { unit: "day" } } }, [1], 2_600);
    const error = denialError([{ ...held!, committed: 400, used: 400 }], {});
    expect(error.code).toBe("rate_limited");
    expect(error.message).toBe(
      "Rate limit reached for token budget per day of project proj_1 (policy qp_1): Limit 3000, Used 400, Held by requests in flight 0, Requested 500. The budget is not spent; requests waiting in line before this one come first. Please try again in 1s.",
    );
  });
});
