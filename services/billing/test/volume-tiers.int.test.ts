import { captureLogs, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumedEverything, ledgerCount, ledgerSnapshot, rewindUsageConsumer, startBillingHarness, usageEvent, type BillingHarness } from "./harness.js";
import { tokenRule } from "./plans.js";

const day = (iso: string) => new Date(iso);
/** One micro-unit per input token: a line's amount is its prompt tokens. */
const PROMPTS = [7_001, 5_003, 9_007, 11_113, 4_441];
const VOLUME = PROMPTS.reduce((sum, tokens) => sum + tokens, 0);
/** 0–10,000 at ×1, 10,000–30,000 at ×0.8, above at ×0.5 (ADR 0021: graduated, rounded up once). */
const TIERS = [
  { fromMicros: 10_000, multiplierPpm: 800_000 },
  { fromMicros: 30_000, multiplierPpm: 500_000 },
];
const graduated = (volume: number) => Math.ceil(Math.min(volume, 10_000) + Math.max(0, Math.min(volume, 30_000) - 10_000) * 0.8 + Math.max(0, volume - 30_000) * 0.5);

describe("volume tiers: a cycle's discount from its whole volume, whatever the order of arrival", () => {
  const logs = captureLogs("billing", "warn");
  let harness: BillingHarness;

  beforeAll(async () => {
    harness = await startBillingHarness("bvt", logs.logger);
  }, 120_000);
  afterAll(async () => {
    await harness?.stop();
  });

  it("refuses tiers that are not discounts or do not increase (OpenAI-shaped invalid_request)", async () => {
    const plan = { id: "plan-bad", name: "", currency: "USD", effectiveFrom: "2026-01-01T00:00:00Z", rules: [tokenRule("m-bad", 1_000_000, 0)] };
    await expect(harness.client.createPricePlan({ ...plan, volumeTiers: [{ fromMicros: 10, multiplierPpm: 1_000_001 }] })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(harness.client.createPricePlan({ ...plan, volumeTiers: [{ fromMicros: 10, multiplierPpm: 1 }, { fromMicros: 10, multiplierPpm: 1 }] })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("prices lines at the plan's price, discounts the cycle's volume graduated, the same in any arrival order, and a replay changes nothing", async () => {
    const created = await harness.client.createPricePlan({ id: "plan-t", name: "T", currency: "USD", effectiveFrom: "2026-01-01T00:00:00Z", rules: [tokenRule("m-t", 1_000_000, 0)], volumeTiers: TIERS });
    expect(created.plan?.versions[0]?.volumeTiers).toEqual(TIERS);
    await harness.attachModel("m-t", "plan-t");
    const events = (orgId: string) => PROMPTS.map((promptTokens, index) => usageEvent(harness, { model: "m-t", orgId, projectId: `p_${index % 2}`, promptTokens, startedAt: day(`2026-11-0${index + 2}T10:00:00Z`) }));
    // One org's events in time order in one batch; the other's newest first, one batch each.
    await harness.publisher.publish(events("org_in_order"));
    for (const event of events("org_reversed").reverse()) await harness.publisher.publish([event]);
    for (const orgId of ["org_in_order", "org_reversed"]) {
      await waitFor(async () => (await ledgerCount(harness, { org_id: orgId })).lines === PROMPTS.length, { description: `${orgId}'s lines`, timeoutMs: 60_000 });
      expect((await ledgerCount(harness, { org_id: orgId })).amount).toBe(BigInt(VOLUME));
    }

    // Month-to-date: the discount so far as its own item, and a forecast of the graduated projected volume.
    harness.clock.set(day("2026-11-20T00:00:00Z").getTime());
    const spend = await harness.client.getSpend({ orgId: "org_reversed", groupBy: "project" });
    expect(spend.items.filter((item) => item.kind === "volume_tier")).toEqual([expect.objectContaining({ planId: "plan-t", currency: "USD", amountMicros: graduated(VOLUME) - VOLUME })]);
    expect(spend.totals).toEqual([{ currency: "USD", amountMicros: graduated(VOLUME) }]);
    expect(spend.forecasts).toEqual([{ currency: "USD", amountMicros: graduated(Math.ceil((VOLUME * 30) / 19)) }]);

    harness.clock.set(day("2026-12-02T00:00:00Z").getTime());
    const { bills } = await harness.client.closeDueCycles({ orgId: "" });
    expect(bills.map((bill) => bill.orgId).sort()).toEqual(["org_in_order", "org_reversed"]);
    for (const bill of bills) {
      const discount = bill.items.filter((item) => item.kind === "volume_tier");
      expect(discount).toEqual([expect.objectContaining({ planId: "plan-t", amountMicros: graduated(VOLUME) - VOLUME, requests: 0 })]);
      // The bill is exactly its ledger lines plus its volume discount, each an integer of micro-units.
      const lines = await harness.billing.deps.bills.ledgerTotals(bill.id);
      expect(lines).toEqual([{ currency: "USD", amountMicros: BigInt(VOLUME) }]);
      expect(bill.totals).toEqual([{ currency: "USD", amountMicros: Number(lines[0]!.amountMicros) + discount[0]!.amountMicros }]);
      expect(bill.totals).toEqual([{ currency: "USD", amountMicros: graduated(VOLUME) }]);
    }

    // A replay from offset 0 changes no ledger line and no bill, and closes nothing new.
    await waitFor(() => consumedEverything(harness), { description: "the topic consumed", timeoutMs: 60_000 });
    const ledgerBefore = await ledgerSnapshot(harness);
    const billsBefore = await Promise.all(["org_in_order", "org_reversed"].map(async (orgId) => (await harness.client.listBills({ orgId, limit: 10, after: "" })).bills));
    await harness.billing.stop();
    await rewindUsageConsumer(harness);
    await harness.restart();
    await waitFor(() => consumedEverything(harness), { description: "the replay consumed", timeoutMs: 60_000 });
    expect(await ledgerSnapshot(harness)).toEqual(ledgerBefore);
    expect((await harness.client.closeDueCycles({ orgId: "" })).bills).toEqual([]);
    expect(await Promise.all(["org_in_order", "org_reversed"].map(async (orgId) => (await harness.client.listBills({ orgId, limit: 10, after: "" })).bills))).toEqual(billsBefore);
  }, 240_000);
});
