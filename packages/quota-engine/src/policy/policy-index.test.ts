import { describe, expect, it } from "vitest";
import { parsePolicySpec, policyToJson } from "./policy-schema.js";
import { PolicyIndex } from "./policy-index.js";
import type { QuotaPolicy } from "./quota-policy.js";
import { wholeAmount } from "../counters/user-quota.js";

function policy(id: string, fields: Partial<QuotaPolicy> & Pick<QuotaPolicy, "scope" | "scopeId">): QuotaPolicy {
  return { id, orgId: "", model: "", failMode: "closed", warningThresholdsBps: [], timezone: "", version: 1, isDefault: false, requestsPerMinute: 10, ...fields };
}

const subject = { keyId: "key_1", projectId: "proj_1", orgId: "org_1" };

describe("applicable policies", () => {
  it("applies org, project and key policies at once, and model-specific ones only to their model", () => {
    const index = new PolicyIndex(
      [
        policy("p_org", { scope: "org", scopeId: "org_1" }),
        policy("p_proj", { scope: "project", scopeId: "proj_1" }),
        policy("p_key_gpt", { scope: "key", scopeId: "key_1", model: "gpt-4o" }),
        policy("p_other", { scope: "key", scopeId: "key_2" }),
      ],
      [],
    );
    expect(index.applicable(subject, "gpt-4o").map((applied) => applied.policy.id)).toEqual(["p_org", "p_proj", "p_key_gpt"]);
    expect(index.applicable(subject, "llmserve-demo").map((applied) => applied.policy.id)).toEqual(["p_org", "p_proj"]);
  });

  it("applies a default per subject, unless a platform admin gave the subject an all-model policy of its own", () => {
    const defaults = [policy("default.key", { scope: "key", scopeId: "", isDefault: true })];
    const withoutOwn = new PolicyIndex([], defaults);
    expect(withoutOwn.applicable(subject, "m")).toEqual([{ policy: defaults[0], subjectId: "key_1" }]);
    const withOwn = new PolicyIndex([policy("p_key", { scope: "key", scopeId: "key_1", owner: "platform" })], defaults);
    expect(withOwn.applicable(subject, "m").map((applied) => applied.policy.id)).toEqual(["p_key"]);
    // A tenant's own policy (or one of unknown owner) limits beside the default, never instead of it.
    for (const owner of ["org", undefined] as const) {
      const tenant = new PolicyIndex([policy("p_key", { scope: "key", scopeId: "key_1", owner, requestsPerMinute: 1e15, failMode: "open" })], defaults);
      expect(tenant.applicable(subject, "m").map((applied) => applied.policy.id)).toEqual(["p_key", "default.key"]);
    }
    const modelOnly = new PolicyIndex([policy("p_key_m", { scope: "key", scopeId: "key_1", model: "m" })], defaults);
    expect(modelOnly.applicable(subject, "m").map((applied) => applied.policy.id)).toEqual(["p_key_m", "default.key"]);
  });

  it("adds policies attached to the key by id, charged to the caller's own subject", () => {
    const index = new PolicyIndex([policy("p_shared", { scope: "project", scopeId: "template" })], []);
    expect(index.applicable({ ...subject, quotaPolicyIds: ["p_shared", "missing"] }, "m")).toEqual([{ policy: index.byId("p_shared"), subjectId: "proj_1" }]);
  });
});

describe("policy spec", () => {
  it("validates and round-trips through the admin JSON", () => {
    const spec = parsePolicySpec({
      scope: "project",
      scope_id: "proj_1",
      org_id: "org_1",
      token_budget: { limit: 1_000_000, period: "month" },
      cost_budget: { limit_micros: 5_000_000, period: "rolling_days:7" },
      max_concurrent_requests: 4,
      fail_mode: "open",
      warning_thresholds_bps: [9500, 8000, 8000],
      timezone: "Asia/Shanghai",
    });
    expect(spec.costBudget).toEqual({ limit: 5_000_000, period: { unit: "rolling_days", days: 7 } });
    expect(spec.warningThresholdsBps).toEqual([8000, 9500]);
    const json = policyToJson({ ...spec, id: "qp_1", version: 1, isDefault: false });
    expect(json).toMatchObject({ object: "quota_policy", cost_budget: { limit_micros: 5_000_000, period: "rolling_days:7" }, token_budget: { limit: 1_000_000, period: "month" } });
    const { id: _id, version: _version, is_default: _isDefault, object: _object, ...written } = json;
    expect(parsePolicySpec(written)).toEqual(spec);
  });

  it("lists every problem at once", () => {
    const result = (() => {
      try {
        parsePolicySpec({ scope: "team", token_budget: { limit: -1, period: "week" }, timezone: "Mars/Olympus", extra: 1 });
      } catch (error) {
        return (error as { issues: Array<{ path: PropertyKey[] }> }).issues.map((issue) => issue.path.join("."));
      }
      return [];
    })();
    expect(result).toEqual(expect.arrayContaining(["scope", "token_budget.limit", "token_budget.period", "timezone"]));
  });
});

describe("amounts", () => {
  it("are whole, non-negative numbers whatever the estimate", () => {
    expect([wholeAmount(12.2), wholeAmount(-3), wholeAmount(Number.NaN), wholeAmount(7)]).toEqual([13, 0, 0, 7]);
  });
});
