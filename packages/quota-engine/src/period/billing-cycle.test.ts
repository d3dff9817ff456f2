import { describe, expect, it } from "vitest";
import { counterWindow, cycleAt } from "./billing-cycle.js";
import { parsePeriod } from "./period.js";
import { fromLocalTime, toLocalTime } from "./zoned-time.js";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("billing cycles", () => {
  it("floors to the minute, hour, day and calendar month in UTC", () => {
    const now = at("2026-11-26T06:01:42.500Z");
    expect(cycleAt("minute", now, "UTC")).toEqual({ id: "m202611260601", startMs: at("2026-11-26T06:01:00Z"), endMs: at("2026-11-26T06:02:00Z") });
    expect(cycleAt("hour", now, "UTC")).toEqual({ id: "h2026112606", startMs: at("2026-11-26T06:00:00Z"), endMs: at("2026-11-26T07:00:00Z") });
    expect(cycleAt("day", now, "UTC")).toEqual({ id: "d20261126", startMs: at("2026-11-26T00:00:00Z"), endMs: at("2026-11-27T00:00:00Z") });
    expect(cycleAt("month", now, "UTC")).toEqual({ id: "M202611", startMs: at("2026-11-01T00:00:00Z"), endMs: at("2026-12-01T00:00:00Z") });
  });

  it("resets days and months at local midnight of the configured zone", () => {
    // 2026-11-30 17:30 UTC is already 2026-12-01 01:30 in Shanghai (UTC+8).
    const now = at("2026-11-30T17:30:00Z");
    const day = cycleAt("day", now, "Asia/Shanghai");
    expect(day.id).toBe("d20261201");
    expect(iso(day.startMs)).toBe("2026-11-30T16:00:00.000Z");
    const month = cycleAt("month", now, "Asia/Shanghai");
    expect(month.id).toBe("M202612");
    expect(iso(month.startMs)).toBe("2026-11-30T16:00:00.000Z");
    expect(iso(month.endMs)).toBe("2026-12-31T16:00:00.000Z");
  });

  it("handles half-hour zones for hours and a 23-hour day at a DST change", () => {
    expect(iso(cycleAt("hour", at("2026-06-01T10:10:00Z"), "Asia/Kolkata").startMs)).toBe("2026-06-01T09:30:00.000Z");
    // New York springs forward on 2026-03-08: that local day lasts 23 hours.
    const day = cycleAt("day", at("2026-03-08T15:00:00Z"), "America/New_York");
    expect(iso(day.startMs)).toBe("2026-03-08T05:00:00.000Z");
    expect(iso(day.endMs)).toBe("2026-03-09T04:00:00.000Z");
  });

  it("rolls months over the year end and keeps ids normalised", () => {
    const december = cycleAt("month", at("2026-12-15T00:00:00Z"), "UTC");
    expect(december.id).toBe("M202612");
    expect(iso(december.endMs)).toBe("2027-01-01T00:00:00.000Z");
    expect(cycleAt("day", at("2027-01-01T00:00:00Z"), "UTC", 1).id).toBe("d20261231");
  });

  it("counts a rolling window as the last N local days, today first, resetting at the next midnight", () => {
    const period = parsePeriod("rolling_days:7");
    if (period instanceof Error) throw period;
    const window = counterWindow(period, at("2026-11-26T06:00:00Z"), "UTC");
    expect(window.cycles.map((cycle) => cycle.id)).toEqual(["d20261126", "d20261125", "d20261124", "d20261123", "d20261122", "d20261121", "d20261120"]);
    expect(iso(window.startMs)).toBe("2026-11-20T00:00:00.000Z");
    expect(iso(window.resetMs)).toBe("2026-11-27T00:00:00.000Z");
  });

  it("converts wall clock times both ways", () => {
    const local = { year: 2026, month: 7, day: 1, hour: 9, minute: 15 };
    expect(toLocalTime(fromLocalTime(local, "Europe/Berlin"), "Europe/Berlin")).toEqual(local);
  });
});

describe("period text", () => {
  it("parses the five units and refuses the rest", () => {
    expect(parsePeriod("month")).toEqual({ unit: "month" });
    expect(parsePeriod("rolling_days:30")).toEqual({ unit: "rolling_days", days: 30 });
    expect(parsePeriod("rolling_days:0")).toBeInstanceOf(Error);
    expect(parsePeriod("rolling_days")).toBeInstanceOf(Error);
    expect(parsePeriod("day:2")).toBeInstanceOf(Error);
    expect(parsePeriod("week")).toBeInstanceOf(Error);
  });
});
