import { KafkaEventBus, TOPICS, type ReceivedEvent } from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";
import { INFRA, captureLogs, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumedEverything, ledgerCount, rewindUsageConsumer, startBillingHarness, usageEvent, type BillingHarness } from "./harness.js";
import { expectedMicros, tokenRule } from "./plans.js";

const ORG = "org_bills";
const day = (iso: string) => new Date(iso);

describe("billing cycles: frozen bills equal to their ledger lines, late usage as adjustments", () => {
  const logs = captureLogs("billing", "warn");
  let harness: BillingHarness;
  let collector: KafkaEventBus;
  const closedEvents: Array<ReceivedEvent<eventsV1.BillingCycleClosed>> = [];

  beforeAll(async () => {
    harness = await startBillingHarness("bbil", logs.logger);
    await harness.client.createPricePlan({ volumeTiers: [], id: "plan-b", name: "B", currency: "USD", effectiveFrom: "2026-01-01T00:00:00Z", rules: [tokenRule("m-b", 1_500_000, 6_000_000)] });
    await harness.attachModel("m-b", "plan-b");
    collector = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: `collector-${harness.isolation}`, logger: logs.logger, namespace: harness.isolation });
    const subscription = await collector.subscribe({ groupId: "test.closed", topic: TOPICS.billingCycleClosed, fromBeginning: true, handler: async (event) => void closedEvents.push(event) });
    await subscription.ready;
  }, 120_000);
  afterAll(async () => {
    await collector?.close();
    await harness?.stop();
  });

  const line = (startedAt: string, promptTokens: number, extra: { projectId?: string; keyId?: string; estimated?: boolean } = {}) =>
    usageEvent(harness, { model: "m-b", orgId: ORG, startedAt: day(startedAt), promptTokens, completionTokens: 7, ...extra });
  const amount = (promptTokens: number) => expectedMicros([[promptTokens, 1_500_000], [7, 6_000_000]]);

  it("computes cycle bounds from the anchor day in the org's timezone", async () => {
    const cycle = await harness.billing.deps.accounts.cycleContaining({ orgId: "x", anchorDay: 15, timezone: "Europe/Paris" }, day("2026-11-03T12:00:00Z"));
    expect(cycle).toEqual({ start: day("2026-10-14T22:00:00Z"), end: day("2026-11-14T23:00:00Z") });
    await expect(harness.client.setBillingAccount({ account: { orgId: "x", anchorDay: 31, timezone: "UTC" } })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(harness.client.setBillingAccount({ account: { orgId: "x", anchorDay: 1, timezone: "Mars/Olympus" } })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("closes an ended cycle into a bill whose total is exactly the sum of its ledger lines", async () => {
    const october = [line("2026-10-05T10:00:00Z", 1_001, { projectId: "p1", keyId: "k1" }), line("2026-10-20T10:00:00Z", 333, { projectId: "p1", keyId: "k2", estimated: true }), line("2026-10-31T23:59:59Z", 10, { projectId: "p2", keyId: "k3" })];
    const november = line("2026-11-03T10:00:00Z", 5_000, { projectId: "p1", keyId: "k1" });
    await harness.publisher.publish([...october, november]);
    await waitFor(async () => (await ledgerCount(harness, { org_id: ORG })).lines === 4, { description: "four lines", timeoutMs: 60_000 });

    harness.clock.set(day("2026-11-15T00:00:00Z").getTime());
    const { bills } = await harness.client.closeDueCycles({ orgId: ORG });
    expect(bills).toHaveLength(1);
    const bill = bills[0]!;
    expect(bill).toMatchObject({ orgId: ORG, cycleStart: "2026-10-01T00:00:00.000Z", cycleEnd: "2026-11-01T00:00:00.000Z", ledgerLines: 3 });
    const octoberTotal = amount(1_001) + amount(333) + amount(10);
    expect(bill.totals).toEqual([{ currency: "USD", amountMicros: Number(octoberTotal) }]);
    expect(await harness.billing.deps.bills.ledgerTotals(bill.id)).toEqual([{ currency: "USD", amountMicros: octoberTotal }]);
    expect(bill.items.map((item) => [item.projectId, item.keyId, item.model, item.requests, item.estimatedRequests, item.amountMicros, item.adjustment])).toEqual([
      ["p1", "k1", "m-b", 1, 0, Number(amount(1_001)), false],
      ["p1", "k2", "m-b", 1, 1, Number(amount(333)), false],
      ["p2", "k3", "m-b", 1, 0, Number(amount(10)), false],
    ]);
    expect((await harness.client.closeDueCycles({ orgId: ORG })).bills).toEqual([]);
    await waitFor(() => closedEvents.length === 1, { description: "the cycle-closed event", timeoutMs: 30_000 });
    expect(closedEvents[0]!.payload).toMatchObject({ billId: bill.id, orgId: ORG, ledgerLines: 3, totals: [{ currency: "USD", amountMicros: Number(octoberTotal) }] });
  });

  it("puts usage that arrives after its cycle closed on the next bill as an adjustment, never on the closed one", async () => {
    const [october] = (await harness.client.listBills({ orgId: ORG, limit: 10, after: "" })).bills;
    const late = line("2026-10-25T10:00:00Z", 77, { projectId: "p2", keyId: "k3" });
    await harness.publisher.publish([late]);
    await waitFor(async () => (await ledgerCount(harness, { org_id: ORG })).lines === 5, { description: "the late line", timeoutMs: 60_000 });

    harness.clock.set(day("2026-12-10T00:00:00Z").getTime());
    const { bills } = await harness.client.closeDueCycles({ orgId: "" });
    expect(bills).toHaveLength(1);
    const bill = bills[0]!;
    expect(bill).toMatchObject({ cycleStart: "2026-11-01T00:00:00.000Z", cycleEnd: "2026-12-01T00:00:00.000Z", ledgerLines: 2 });
    expect(bill.items.map((item) => [item.projectId, item.adjustment, item.amountMicros])).toEqual([
      ["p1", false, Number(amount(5_000))],
      ["p2", true, Number(amount(77))],
    ]);
    expect(bill.totals).toEqual([{ currency: "USD", amountMicros: Number(amount(5_000) + amount(77)) }]);
    expect((await harness.client.getBill({ id: october!.id })).bill).toEqual(october);
  });

  it("a replay of the usage topic from offset 0 changes no bill and closes nothing new", async () => {
    await waitFor(() => consumedEverything(harness), { description: "the topic consumed", timeoutMs: 60_000 });
    const before = (await harness.client.listBills({ orgId: ORG, limit: 10, after: "" })).bills;
    const ledger = await ledgerCount(harness, { org_id: ORG });
    await harness.billing.stop();
    await rewindUsageConsumer(harness);
    await harness.restart();
    await waitFor(() => consumedEverything(harness), { description: "the replay consumed", timeoutMs: 60_000 });
    expect(await ledgerCount(harness, { org_id: ORG })).toEqual(ledger);
    expect((await harness.client.closeDueCycles({ orgId: "" })).bills).toEqual([]);
    expect((await harness.client.listBills({ orgId: ORG, limit: 10, after: "" })).bills).toEqual(before);
    await expect(harness.db("bills").update({ ledger_lines: 0 })).rejects.toThrow(/append-only/);
  }, 180_000);

  it("reports month-to-date spend per project and key with a forecast to the cycle end", async () => {
    harness.clock.set(day("2026-12-16T00:00:00Z").getTime());
    const december = [line("2026-12-02T00:00:00Z", 1_000, { projectId: "p1", keyId: "k1" }), line("2026-12-03T00:00:00Z", 2_000, { projectId: "p1", keyId: "k2" })];
    await harness.publisher.publish(december);
    await waitFor(async () => (await ledgerCount(harness, { org_id: ORG })).lines === 7, { description: "december lines", timeoutMs: 60_000 });
    const spend = await harness.client.getSpend({ orgId: ORG, groupBy: "key" });
    const total = amount(1_000) + amount(2_000);
    expect(spend.items.map((item) => [item.projectId, item.keyId, item.amountMicros])).toEqual([["p1", "k1", Number(amount(1_000))], ["p1", "k2", Number(amount(2_000))]]);
    expect(spend.totals).toEqual([{ currency: "USD", amountMicros: Number(total) }]);
    // 15 of 31 days elapsed: the forecast scales the spend to the whole cycle, rounded up.
    expect(spend.forecasts).toEqual([{ currency: "USD", amountMicros: Number((total * 31n + 14n) / 15n) }]);
    const estimate = await harness.client.estimateCost({ model: "m-b", deploymentId: "", provider: "", at: "", orgId: "", projectId: "", quantities: { inputTokens: 1_000, outputTokens: 7, cachedInputReadTokens: 0, cachedInputWriteTokens: 0, reasoningTokens: 0, embeddingTokens: 0, audioMilliseconds: 0, images: 0, imageSize: "", imageQuality: "", requests: 1 } });
    expect(estimate).toEqual({ amountMicros: Number(amount(1_000)), currency: "USD", planId: "plan-b", planVersion: 1 });
  });
});
