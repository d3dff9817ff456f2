import { describe, expect, it } from "vitest";
import { budgetPeriodOf } from "./budget-spend.js";

describe("budgetPeriodOf", () => {
  it("is the UTC calendar day or month holding the time, so a new period starts from zero", () => {
    const now = new Date("2026-12-31T23:59:59.999Z");
    expect(budgetPeriodOf("day", now)).toEqual({ start: new Date("2026-12-31T00:00:00Z"), end: new Date("2027-01-01T00:00:00Z") });
    expect(budgetPeriodOf("month", now)).toEqual({ start: new Date("2026-12-01T00:00:00Z"), end: new Date("2027-01-01T00:00:00Z") });
    expect(budgetPeriodOf("month", new Date("2027-01-01T00:00:00Z")).start).toEqual(new Date("2027-01-01T00:00:00Z"));
    expect(budgetPeriodOf("month", new Date("2028-02-29T12:00:00Z")).end).toEqual(new Date("2028-03-01T00:00:00Z"));
  });
});
