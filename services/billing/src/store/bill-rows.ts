import type { Bill, CurrencyAmount } from "../domain/bill.js";

export interface BillRow {
  id: string;
  org_id: string;
  cycle_start: Date;
  cycle_end: Date;
  closed_at: Date;
  ledger_lines: number;
}

export interface ItemRow {
  project_id: string;
  key_id: string;
  model: string;
  currency: string;
  adjustment: boolean;
  requests: number;
  estimated_requests: number;
  amount_micros: number | string;
  kind: string;
  plan_id: string;
}

/** Sums come back from Postgres as numeric text: read them as BigInt, never through a float. */
export function bigintOf(value: unknown): bigint {
  return value === null || value === undefined ? 0n : BigInt(String(value));
}

export function billFromRows(row: BillRow, items: readonly ItemRow[]): Bill {
  const totals = new Map<string, bigint>();
  const billItems = items.map((item) => {
    const amountMicros = bigintOf(item.amount_micros);
    totals.set(item.currency, (totals.get(item.currency) ?? 0n) + amountMicros);
    return {
      projectId: item.project_id,
      keyId: item.key_id,
      model: item.model,
      currency: item.currency,
      adjustment: item.adjustment,
      requests: Number(item.requests),
      estimatedRequests: Number(item.estimated_requests),
      amountMicros,
      kind: item.kind === "volume_tier" ? ("volume_tier" as const) : ("usage" as const),
      planId: item.plan_id,
    };
  });
  const currencyTotals: CurrencyAmount[] = [...totals].sort(([left], [right]) => left.localeCompare(right)).map(([currency, amountMicros]) => ({ currency, amountMicros }));
  return { id: row.id, orgId: row.org_id, cycle: { start: row.cycle_start, end: row.cycle_end }, closedAt: row.closed_at, ledgerLines: Number(row.ledger_lines), totals: currencyTotals, items: billItems };
}
