import { captureLogs, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumedEverything, ledgerCount, ledgerSnapshot, rewindUsageConsumer, startBillingHarness, usageEvent, type BillingHarness } from "./harness.js";
import { expectedMicros, tokenRule } from "./plans.js";

const T = new Date("2026-06-01T00:00:00.000Z");
const at = (offsetMs: number) => new Date(T.getTime() + offsetMs);

describe("the ledger: usage events priced with the plan version in force at their time", () => {
  const logs = captureLogs("billing", "warn");
  let harness: BillingHarness;

  beforeAll(async () => {
    harness = await startBillingHarness("bled", logs.logger);
    await harness.client.createPricePlan({ volumeTiers: [], id: "plan-a", name: "A", currency: "USD", effectiveFrom: "2026-01-01T00:00:00Z", rules: [tokenRule("m-a", 1_000_000, 2_000_000), tokenRule("m-round", 333_333, 0)] });
    await harness.attachModel("m-a", "plan-a");
    await harness.attachModel("m-round", "plan-a");
  }, 120_000);
  afterAll(async () => {
    await harness?.stop();
  });

  const amountOf = async (eventId: string) => {
    const row = await harness.db("ledger_lines").where({ event_id: eventId }).first();
    return row ? { amount: BigInt(row.amount_micros), version: row.plan_version as number, estimated: row.estimated as boolean } : undefined;
  };

  it("charges usage before a price change at T the old price and usage from T on the new one, whatever the arrival order", async () => {
    await harness.client.addPricePlanVersion({ volumeTiers: [], planId: "plan-a", effectiveFrom: T.toISOString(), rules: [tokenRule("m-a", 3_000_000, 5_000_000), tokenRule("m-round", 333_333, 0)] });
    const tokens = { model: "m-a", promptTokens: 1_000, completionTokens: 500, projectId: "proj_split" };
    const after = usageEvent(harness, { ...tokens, startedAt: at(1_000) });
    const atT = usageEvent(harness, { ...tokens, startedAt: T });
    const before = usageEvent(harness, { ...tokens, startedAt: at(-1), estimated: true });
    await harness.publisher.publish([after, atT]);
    await harness.publisher.publish([before]);

    await waitFor(async () => (await ledgerCount(harness, { project_id: "proj_split" })).lines === 3, { description: "three lines", timeoutMs: 60_000 });
    expect(await amountOf(before.eventId)).toEqual({ amount: expectedMicros([[1_000, 1_000_000], [500, 2_000_000]]), version: 1, estimated: true });
    expect(await amountOf(atT.eventId)).toEqual({ amount: expectedMicros([[1_000, 3_000_000], [500, 5_000_000]]), version: 2, estimated: false });
    expect(await amountOf(after.eventId)).toEqual({ amount: 5_500n, version: 2, estimated: false });
  });

  it("rounds once per line, upwards, and refuses a version that is not later than the last", async () => {
    const event = usageEvent(harness, { model: "m-round", promptTokens: 10, startedAt: at(2_000) });
    await harness.publisher.publish([event]);
    // 10 tokens at 0.333333 micro-units each = 3.33333: charged 4.
    await waitFor(() => amountOf(event.eventId), { description: "the line", timeoutMs: 60_000 });
    expect((await amountOf(event.eventId))?.amount).toBe(4n);
    await expect(harness.client.addPricePlanVersion({ volumeTiers: [], planId: "plan-a", effectiveFrom: at(-5).toISOString(), rules: [tokenRule("m-a", 1, 1)] })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("holds usage no plan can price, reports it, and prices it when the plan appears (never at zero)", async () => {
    await harness.attachModel("m-late", "plan-late");
    const late = usageEvent(harness, { model: "m-late", promptTokens: 2_000, completionTokens: 0, startedAt: at(3_000) });
    const ghost = usageEvent(harness, { model: "m-ghost", promptTokens: 7, startedAt: at(3_000) });
    await harness.publisher.publish([late, ghost]);

    await waitFor(async () => (await harness.client.getPendingUsage({})).events === 2, { description: "two held events", timeoutMs: 60_000 });
    expect(await amountOf(late.eventId)).toBeUndefined();
    const held = await harness.db("pending_usage").orderBy("model").select("model", "reason");
    expect(held).toEqual([{ model: "m-ghost", reason: "model_without_plan" }, { model: "m-late", reason: "unknown_plan" }]);
    expect(logs.lines.some((line) => String(line.msg).startsWith("usage held"))).toBe(true);
    const metrics = await harness.billing.runtime.metrics.metrics();
    expect(metrics).toMatch(/llmserve_billing_usage_held_total\{reason="unknown_plan"[^}]*\} 1/);

    await harness.client.createPricePlan({ volumeTiers: [], id: "plan-late", name: "Late", currency: "USD", effectiveFrom: "2026-01-01T00:00:00Z", rules: [tokenRule("", 4_000_000, 0)] });
    await waitFor(() => amountOf(late.eventId), { description: "the held event priced", timeoutMs: 30_000 });
    expect((await amountOf(late.eventId))?.amount).toBe(8_000n);
    expect(await harness.client.getPendingUsage({})).toMatchObject({ events: 1 });
  });

  it("applies the org's and the project's modifiers in force at the event's time, multiplied, rounded once", async () => {
    const create = (scope: string, scopeId: string, multiplierPpm: number, effectiveFrom: Date) => harness.client.createPriceModifier({ scope, scopeId, multiplierPpm, effectiveFrom: effectiveFrom.toISOString() });
    await create("org", "org_mod", 800_000, at(20_000));
    await create("project", "proj_mod", 1_500_000, at(30_000));
    await expect(create("org", "org_mod", 900_000, at(19_000))).rejects.toMatchObject({ code: "invalid_request" });
    const event = (startedAt: Date) => usageEvent(harness, { model: "m-a", orgId: "org_mod", projectId: "proj_mod", promptTokens: 333, completionTokens: 1, startedAt });
    const [none, orgOnly, both] = [event(at(10_000)), event(at(25_000)), event(at(35_000))];
    await harness.publisher.publish([both, none, orgOnly]);
    await waitFor(async () => (await ledgerCount(harness, { project_id: "proj_mod" })).lines === 3, { description: "three lines", timeoutMs: 60_000 });
    // 333 × 3 + 1 × 5 = 1,004 micro-units; ×0.8 = 803.2 → 804; ×0.8 ×1.5 = 1,204.8 → 1,205.
    expect((await amountOf(none.eventId))?.amount).toBe(1_004n);
    expect((await amountOf(orgOnly.eventId))?.amount).toBe(804n);
    expect((await amountOf(both.eventId))?.amount).toBe(1_205n);
    const estimate = await harness.client.estimateCost({ model: "m-a", deploymentId: "", provider: "", at: at(40_000).toISOString(), orgId: "org_mod", projectId: "proj_mod", quantities: { inputTokens: 333, outputTokens: 1, cachedInputReadTokens: 0, cachedInputWriteTokens: 0, reasoningTokens: 0, embeddingTokens: 0, audioMilliseconds: 0, images: 0, imageSize: "", imageQuality: "", requests: 0 } });
    expect(estimate.amountMicros).toBe(1_205);
  });

  it("refuses to update or delete a ledger line (append-only)", async () => {
    await expect(harness.db("ledger_lines").update({ amount_micros: 0 })).rejects.toThrow(/append-only/);
    await expect(harness.db("ledger_lines").delete()).rejects.toThrow(/append-only/);
  });

  it("a replay of the whole usage topic from offset 0 changes no ledger line", async () => {
    await waitFor(() => consumedEverything(harness), { description: "the topic consumed", timeoutMs: 60_000 });
    const before = await ledgerSnapshot(harness);
    expect(before.length).toBeGreaterThanOrEqual(5);
    await harness.billing.stop();
    await rewindUsageConsumer(harness);
    await harness.restart();
    await waitFor(() => consumedEverything(harness), { description: "the replay consumed", timeoutMs: 60_000 });
    expect(await ledgerSnapshot(harness)).toEqual(before);
    expect(await harness.client.getPendingUsage({})).toMatchObject({ events: 1 });
  }, 180_000);

  it("restarted in the middle of consumption, billing loses and duplicates nothing", async () => {
    await harness.billing.stop();
    const events = Array.from({ length: 3_000 }, (_, index) => usageEvent(harness, { model: "m-a", promptTokens: 100, completionTokens: 10, projectId: "proj_restart", keyId: `key_${index % 24}`, startedAt: at(10_000 + index) }));
    await harness.publisher.publish(events);
    await harness.restart();
    const midway = await waitFor(async () => {
      const { lines } = await ledgerCount(harness, { project_id: "proj_restart" });
      return lines > 0 ? { lines } : undefined;
    }, { description: "consumption started", timeoutMs: 60_000, intervalMs: 20 });
    await harness.restart();

    await waitFor(async () => (await ledgerCount(harness, { project_id: "proj_restart" })).lines >= events.length, { description: "every event priced", timeoutMs: 120_000 });
    await waitFor(() => consumedEverything(harness), { description: "the topic consumed", timeoutMs: 60_000 });
    expect(midway.lines).toBeLessThan(events.length);
    expect(await ledgerCount(harness, { project_id: "proj_restart" })).toEqual({ lines: events.length, amount: BigInt(events.length) * expectedMicros([[100, 3_000_000], [10, 5_000_000]]) });
  }, 300_000);
});
