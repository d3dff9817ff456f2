import { describe, expect, it } from "vitest";
import { InFlightTracker } from "./in-flight-tracker.js";

describe("InFlightTracker", () => {
  it("counts leases until they finish, and drops leases that were never reported", () => {
    let now = 0;
    const tracker = new InFlightTracker(1_000, () => now);
    const first = tracker.start("a");
    tracker.start("a");
    expect(tracker.count("a")).toBe(2);
    tracker.finish(first);
    tracker.finish(first);
    expect(tracker.count("a")).toBe(1);
    now = 5_000;
    tracker.start("b");
    expect(tracker.count("a")).toBe(0);
    expect(tracker.count("b")).toBe(1);
  });
});
