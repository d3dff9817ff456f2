import { describe, expect, it } from "vitest";
import { billToCsv, microsToDecimal } from "./bill-csv.js";

describe("a bill as CSV", () => {
  it("has a header row, one row per item, exact amounts, and quotes what needs quoting", () => {
    const csv = billToCsv({
      id: "bill_1", orgId: "org_1", cycleStart: "2026-10-01T00:00:00.000Z", cycleEnd: "2026-11-01T00:00:00.000Z", closedAt: "", ledgerLines: 3, totals: [],
      items: [
        { projectId: "proj,1", keyId: "key_1", model: "gpt-4o", currency: "USD", adjustment: false, requests: 2, estimatedRequests: 1, amountMicros: 9_007_199_254_740_991, kind: "usage", planId: "" },
        { projectId: "=HYPERLINK(1)", keyId: 'k"2', model: "m", currency: "USD", adjustment: true, requests: 1, estimatedRequests: 0, amountMicros: 5, kind: "usage", planId: "" },
        { projectId: "", keyId: "", model: "", currency: "USD", adjustment: false, requests: 0, estimatedRequests: 0, amountMicros: -1_500_001, kind: "volume_tier", planId: "default" },
      ],
    });
    expect(csv.split("\r\n")).toEqual([
      "bill_id,org_id,cycle_start,cycle_end,project_id,key_id,model,currency,adjustment,requests,estimated_requests,amount_micros,amount,kind,plan_id",
      'bill_1,org_1,2026-10-01T00:00:00.000Z,2026-11-01T00:00:00.000Z,"proj,1",key_1,gpt-4o,USD,false,2,1,9007199254740991,9007199254.740991,usage,',
      `bill_1,org_1,2026-10-01T00:00:00.000Z,2026-11-01T00:00:00.000Z,'=HYPERLINK(1),"k""2",m,USD,true,1,0,5,0.000005,usage,`,
      "bill_1,org_1,2026-10-01T00:00:00.000Z,2026-11-01T00:00:00.000Z,,,,USD,false,0,0,-1500001,-1.500001,volume_tier,default",
      "",
    ]);
  });

  it("writes micro-units as decimals by string arithmetic", () => {
    expect([0, 1, 999_999, 1_000_000, 12_345_678, -5].map(microsToDecimal)).toEqual(["0.000000", "0.000001", "0.999999", "1.000000", "12.345678", "-0.000005"]);
  });
});
