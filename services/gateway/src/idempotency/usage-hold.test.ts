import { eventsV1 } from "@llm-serve/proto";
import { describe, expect, it } from "vitest";
import { UsageHold, holdingUsageSink, withUsageHold } from "./usage-hold.js";

function recordingSink(steps: string[]) {
  return { accepting: () => true, record: (usage: eventsV1.UsageRecorded) => void steps.push(`event ${usage.requestId}`) };
}

describe("UsageHold's deferred settlement (ADR 0039)", () => {
  it("makes a held request's settlement only when the hold is released (after the answer is kept), before its events go to the sink", async () => {
    const steps: string[] = [];
    const sink = holdingUsageSink(recordingSink(steps));
    const hold = new UsageHold(recordingSink(steps));
    withUsageHold(hold, () => {
      expect(sink.deferSettlement?.(() => void steps.push("settle"))).toBe(true);
      sink.record(eventsV1.UsageRecorded.fromPartial({ requestId: "req_1" }));
    });
    // Nothing charged and nothing recorded while the answer is being kept: a crash here leaves neither.
    expect(steps).toEqual([]);
    await hold.release();
    expect(steps).toEqual(["settle", "event req_1"]);
    // Released once: later settlements are the caller's to make at once.
    expect(hold.deferSettlement(() => undefined)).toBe(false);
  });

  it("leaves a request without a hold to settle at once", () => {
    const sink = holdingUsageSink(recordingSink([]));
    expect(sink.deferSettlement?.(() => undefined)).toBe(false);
  });

  it("waits for the settlement to leave before it says the release is done", async () => {
    let leave!: () => void;
    const left = new Promise<void>((resolve) => (leave = resolve));
    const hold = new UsageHold(recordingSink([]));
    hold.deferSettlement(() => left);
    let done = false;
    const releasing = hold.releaseDurably().then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    leave();
    await releasing;
    expect(done).toBe(true);
  });
});
