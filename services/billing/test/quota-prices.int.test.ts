import { startQuota, type RunningQuota } from "@llm-serve/quota";
import { captureLogs, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerCount, startBillingHarness, usageEvent, type BillingHarness } from "./harness.js";
import { tokenRule } from "./plans.js";

/** Quota's cost budgets priced by billing's plans: the same prices, the same rounding, the same spend. */
describe("quota prices from billing", () => {
  const logs = captureLogs("billing", "warn");
  let harness: BillingHarness;
  let quota: RunningQuota;

  beforeAll(async () => {
    harness = await startBillingHarness("bqpr", logs.logger);
    // The timer is out of reach of the test: only billing's change events can bring a new price.
    quota = await startQuota({ ...harness.env, DATABASE_SCHEMA: `q_${harness.isolation}`, QUOTA_BILLING_PRICES_REFRESH_MS: "600000" }, { logger: logs.logger });
    await quota.consuming;
  }, 120_000);
  afterAll(async () => {
    await quota?.stop();
    await harness?.stop();
  });

  const quotaPrice = (model: string) => quota.deps.settings().prices[model];

  it("takes a model's price from its plan once attached, and a new version within seconds", async () => {
    await harness.client.createPricePlan({ volumeTiers: [], id: "plan-q", name: "Q", currency: "USD", effectiveFrom: "2026-01-01T00:00:00Z", rules: [tokenRule("", 1_234_567, 7_654_321)] });
    await harness.attachModel("m-q", "plan-q");
    await waitFor(() => quotaPrice("m-q")?.promptMicrosPerMillionTokens === 1_234_567, { description: "quota priced from billing", timeoutMs: 30_000 });
    expect(quotaPrice("m-q")).toEqual({ promptMicrosPerMillionTokens: 1_234_567, completionMicrosPerMillionTokens: 7_654_321 });
    // Billing's plans are the only prices (QUOTA_MODEL_PRICES is gone, ADR 0021): nothing else is in the table.
    expect(Object.keys(quota.deps.settings().prices)).toEqual(["m-q"]);
    expect(quota.deps.settings().priceBook.planOf.get("m-q")).toBe("plan-q");

    const changedAt = Date.now();
    await harness.client.addPricePlanVersion({ volumeTiers: [], planId: "plan-q", effectiveFrom: "", rules: [tokenRule("", 2_345_679, 9_876_543)] });
    await waitFor(() => quotaPrice("m-q")?.promptMicrosPerMillionTokens === 2_345_679, { description: "the new version in quota", timeoutMs: 15_000, intervalMs: 50 });
    console.info(`a price change reached quota in ${Date.now() - changedAt} ms`);
  }, 120_000);

  it("agrees with the ledger to the micro-unit on the spend of a scripted workload", async () => {
    const startedAt = new Date();
    const events = Array.from({ length: 300 }, (_, index) =>
      usageEvent(harness, { model: "m-q", projectId: "proj_agree", keyId: `key_${index % 7}`, promptTokens: 1 + ((index * 7_919) % 4_001), completionTokens: (index * 104_729) % 1_503, startedAt }),
    );
    await harness.publisher.publish(events);
    await waitFor(async () => (await ledgerCount(harness, { project_id: "proj_agree" })).lines === events.length, { description: "the ledger", timeoutMs: 60_000 });
    const quotaTotals = async () => (await quota.deps.usage.totalsBySubject({ scope: "project", model: "", startMs: startedAt.getTime() - 60_000, endMs: Date.now() + 60_000, subjectIds: ["proj_agree"] }))[0];
    await waitFor(async () => (await quotaTotals())?.requests === events.length, { description: "quota's record", timeoutMs: 60_000 });
    const ledger = await ledgerCount(harness, { project_id: "proj_agree" });
    expect(ledger.amount).toBeGreaterThan(0n);
    expect(BigInt((await quotaTotals())!.costMicros)).toBe(ledger.amount);
  }, 120_000);
  it("agrees with the ledger to the micro-unit with cached and reasoning tokens, a per-request price and an org multiplier", async () => {
    // The modifier and the plan exist before the model is attached: the attachment's event refreshes quota.
    await harness.client.createPriceModifier({ scope: "org", scopeId: "org_discounted", multiplierPpm: 873_457, effectiveFrom: "2026-01-01T00:00:00Z" });
    const extra = { cachedInputReadPerMillion: 123_457, reasoningPerMillion: 11_111_113, microsPerRequest: 7 };
    await harness.client.createPricePlan({ volumeTiers: [], id: "plan-x", name: "X", currency: "USD", effectiveFrom: "2026-01-01T00:00:00Z", rules: [tokenRule("", 1_999_999, 7_777_777, extra)] });
    await harness.attachModel("m-x", "plan-x");
    await waitFor(() => quota.deps.priceBook().planOf.get("m-x") === "plan-x" && quota.deps.priceBook().modifiers.length > 0, { description: "quota holds plan-x and the modifier", timeoutMs: 30_000 });

    const startedAt = new Date();
    const events = Array.from({ length: 200 }, (_, index) => {
      const promptTokens = 1 + ((index * 7_919) % 4_001);
      const completionTokens = (index * 104_729) % 1_503;
      return usageEvent(harness, {
        model: "m-x",
        orgId: "org_discounted",
        projectId: "proj_exact",
        promptTokens,
        completionTokens,
        cachedPromptTokens: (index * 31) % (promptTokens + 1),
        reasoningTokens: (index * 17) % (completionTokens + 1),
        startedAt,
      });
    });
    await harness.publisher.publish(events);
    await waitFor(async () => (await ledgerCount(harness, { project_id: "proj_exact" })).lines === events.length, { description: "the ledger", timeoutMs: 60_000 });
    const quotaTotals = async () => (await quota.deps.usage.totalsBySubject({ scope: "project", model: "", startMs: startedAt.getTime() - 60_000, endMs: Date.now() + 60_000, subjectIds: ["proj_exact"] }))[0];
    await waitFor(async () => (await quotaTotals())?.requests === events.length, { description: "quota's record", timeoutMs: 60_000 });
    const ledger = await ledgerCount(harness, { project_id: "proj_exact" });
    const [multiplied] = await harness.db("ledger_lines").where({ project_id: "proj_exact" }).distinct("org_multiplier_ppm");
    expect(String(multiplied.org_multiplier_ppm)).toBe("873457");
    expect(BigInt((await quotaTotals())!.costMicros)).toBe(ledger.amount);
  }, 120_000);

  it("takes a new price modifier within seconds (billing announces it; the refresh timer is out of reach)", async () => {
    await harness.client.createPriceModifier({ scope: "project", scopeId: "proj_late_discount", multiplierPpm: 500_000, effectiveFrom: "2026-02-01T00:00:00Z" });
    await waitFor(() => quota.deps.priceBook().modifiers.some((modifier) => modifier.scopeId === "proj_late_discount" && modifier.multiplierPpm === 500_000n), {
      description: "the modifier in quota's price book",
      timeoutMs: 15_000,
    });
  }, 60_000);

  it("cannot be switched back to config prices: the removed QUOTA_PRICE_SOURCE=config still prices from billing", async () => {
    const configured = await startQuota({ ...harness.env, DATABASE_SCHEMA: `q2_${harness.isolation}`, QUOTA_BILLING_PRICES_REFRESH_MS: "600000", QUOTA_PRICE_SOURCE: "config" }, { logger: logs.logger });
    try {
      await waitFor(() => configured.deps.settings().prices["m-q"] !== undefined, { description: "billing's price in a quota started with QUOTA_PRICE_SOURCE=config", timeoutMs: 30_000 });
    } finally {
      await configured.stop();
    }
  }, 120_000);
});
