import type { billingV1 } from "@llm-serve/proto";

const HEADER = ["bill_id", "org_id", "cycle_start", "cycle_end", "project_id", "key_id", "model", "currency", "adjustment", "requests", "estimated_requests", "amount_micros", "amount", "kind", "plan_id"];

/**
 * A bill as CSV (RFC 4180): a header row, then one line item per row. `amount_micros` is the exact
 * integer; `amount` is the same value written as a decimal with six places by string arithmetic
 * (no float), so a spreadsheet shows currency units without rounding anything.
 */
export function billToCsv(bill: billingV1.Bill): string {
  const rows = bill.items.map((item) => [
    bill.id,
    bill.orgId,
    bill.cycleStart,
    bill.cycleEnd,
    item.projectId,
    item.keyId,
    item.model,
    item.currency,
    item.adjustment ? "true" : "false",
    String(item.requests),
    String(item.estimatedRequests),
    String(item.amountMicros),
    microsToDecimal(item.amountMicros),
    item.kind || "usage",
    item.planId,
  ]);
  return [HEADER, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export function microsToDecimal(micros: number): string {
  const negative = micros < 0;
  const digits = String(Math.abs(micros)).padStart(7, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** Quotes a field when it holds a comma, quote or line break; a leading =+-@ is defused (CSV injection). */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
