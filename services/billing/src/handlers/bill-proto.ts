import type { billingV1 } from "@llm-serve/proto";
import type { Bill, BillItem, CurrencyAmount } from "../domain/bill.js";

/** Amounts leave as int64 numbers: checked to be exact (below 2^53), never silently rounded. */
export function micros(amount: bigint): number {
  const value = Number(amount);
  if (!Number.isSafeInteger(value)) throw new Error(`amount ${amount} exceeds the exact range of an int64 JSON number`);
  return value;
}

export function amountsToProto(amounts: readonly CurrencyAmount[]): billingV1.CurrencyAmount[] {
  return amounts.map((amount) => ({ currency: amount.currency, amountMicros: micros(amount.amountMicros) }));
}

export function itemToProto(item: BillItem): billingV1.BillItem {
  return {
    projectId: item.projectId,
    keyId: item.keyId,
    model: item.model,
    currency: item.currency,
    adjustment: item.adjustment,
    requests: item.requests,
    estimatedRequests: item.estimatedRequests,
    amountMicros: micros(item.amountMicros),
    kind: item.kind,
    planId: item.planId,
  };
}

export function billToProto(bill: Bill): billingV1.Bill {
  return {
    id: bill.id,
    orgId: bill.orgId,
    cycleStart: bill.cycle.start.toISOString(),
    cycleEnd: bill.cycle.end.toISOString(),
    closedAt: bill.closedAt.toISOString(),
    totals: amountsToProto(bill.totals),
    items: bill.items.map(itemToProto),
    ledgerLines: bill.ledgerLines,
  };
}
