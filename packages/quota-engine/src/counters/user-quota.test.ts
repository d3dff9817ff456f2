import { describe, expect, it } from "vitest";
import { KeyLayout } from "./key-layout.js";
import { UserQuota } from "./user-quota.js";
import { PolicyIndex } from "../policy/policy-index.js";
import type { QuotaPolicy } from "../policy/quota-policy.js";

const SUBJECT = { keyId: "key_1", projectId: "proj_1", orgId: "org_1" };
const SETTINGS = { timezone: "UTC", warningThresholdsBps: [8_000] };
const layout = new KeyLayout("t:");
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 5, 17, 0, 0);

function policy(fields: Partial<QuotaPolicy> = {}): QuotaPolicy {
  return { id: "qp_1", scope: "key", scopeId: "key_1", orgId: "org_1", model: "", failMode: "closed", warningThresholdsBps: [], timezone: "", version: 1, isDefault: false, requestsPerMinute: 10, tokenBudget: { limit: 1_000, period: { unit: "day" } }, maxConcurrentRequests: 4, ...fields };
}

const plan = (quota: UserQuota, nowMs: number, tokens = 5, settings = SETTINGS) => quota.plan({ tokens, costMicros: 0 }, { nowMs, settings, layout, holdKeyTtlMs: 1_000 });
const quotaOf = (...policies: QuotaPolicy[]) => UserQuota.of(new PolicyIndex(policies, []), SUBJECT, "m");

describe("UserQuota.plan: what does not change within a cycle is built once", () => {
  it("gives each request its own amounts, over keys, window and ref shared within the cycle", () => {
    const quota = quotaOf(policy());
    const first = plan(quota, T0 + 1_000, 5);
    const second = plan(quota, T0 + 2_000, 7);
    expect(first.map((counter) => counter.dimension)).toEqual(["requests_per_minute", "token_budget", "concurrent_requests"]);
    expect(second.map((counter) => counter.amount)).toEqual([1, 7, 1]);
    expect(first.map((counter) => counter.amount)).toEqual([1, 5, 1]);
    expect(second[0]!.keys).toBe(first[0]!.keys);
    expect(second[1]!.ref).toBe(first[1]!.ref);
    expect(second[1]!.thresholds).toEqual([{ bps: 8_000, value: 800 }]);
    // Concurrency's window moves with the instant: never shared.
    expect(second[2]!.window.startMs).toBe(T0 + 2_000);
    expect(second[2]!.bucketExpireAtMs).toBe(T0 + 3_000);
  });

  it("builds them again in the next cycle, for a changed policy, other defaults or another key space", () => {
    const quota = quotaOf(policy());
    const before = plan(quota, T0 + MINUTE - 1)[0]!;
    const after = plan(quota, T0 + MINUTE)[0]!;
    expect(before.ref.cycleId).toBe("m202612051700");
    expect(after.ref.cycleId).toBe("m202612051701");
    expect(after.keys.buckets).toEqual(["t:c:qp_1:key_1:requests_per_minute:b:m202612051701"]);
    expect(after.window.resetMs).toBe(T0 + 2 * MINUTE);

    const changed = plan(quotaOf(policy({ requestsPerMinute: 20, version: 2 })), T0 + MINUTE + 1)[0]!;
    expect(changed.limit).toBe(20);
    expect(changed.ref.limit).toBe(20);

    const otherDefaults = plan(quota, T0 + MINUTE + 2, 5, { timezone: "UTC", warningThresholdsBps: [5_000] })[1]!;
    expect(otherDefaults.thresholds).toEqual([{ bps: 5_000, value: 500 }]);

    const otherSpace = UserQuota.fromApplied(quotaOf(policy()).applied);
    const spaced = otherSpace.plan({ tokens: 1, costMicros: 0 }, { nowMs: T0 + MINUTE + 3, settings: SETTINGS, layout: new KeyLayout("u:"), holdKeyTtlMs: 1_000 })[0]!;
    expect(spaced.keys.holds).toBe("u:c:qp_1:key_1:requests_per_minute:z");
  });

  it("shares nothing a request could change for the next one", () => {
    const [counter] = plan(quotaOf(policy()), T0 + 5_000);
    expect(() => counter!.keys.buckets.push("x")).toThrow(TypeError);
    expect(() => ((counter!.ref as { limit: number }).limit = 1)).toThrow(TypeError);
    expect(() => ((counter!.window as { resetMs: number }).resetMs = 1)).toThrow(TypeError);
  });
});
