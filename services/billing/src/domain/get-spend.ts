import { AppError } from "@llm-serve/common";
import type { BillItem, Cycle, CurrencyAmount } from "./bill.js";
import type { BillingDeps } from "./billing-deps.js";

const GROUPS = { "": [], project: ["project_id"], key: ["project_id", "key_id"], model: ["model"] } as const;
export type SpendGrouping = keyof typeof GROUPS;

export interface Spend {
  cycle: Cycle;
  items: BillItem[];
  totals: CurrencyAmount[];
  /** Linear: the spend so far scaled to the whole cycle, rounded up. */
  forecasts: CurrencyAmount[];
}

/** Spend of the org's open cycle so far (by event time), grouped, with a forecast to the cycle end. */
export async function getSpend(deps: Pick<BillingDeps, "bills" | "accounts" | "clock">, input: { orgId: string; groupBy: string }): Promise<Spend> {
  if (!(input.groupBy in GROUPS)) throw new AppError("invalid_request", "group_by must be one of project, key, model", { details: { param: "group_by" } });
  if (input.orgId === "") throw new AppError("invalid_request", "org_id is required", { details: { param: "org_id" } });
  const now = deps.clock();
  const cycle = await deps.accounts.cycleContaining(await deps.accounts.find(input.orgId), new Date(now));
  const items = await deps.bills.spend({ orgId: input.orgId, from: cycle.start, to: cycle.end, groupBy: GROUPS[input.groupBy as SpendGrouping] });
  const totals = new Map<string, bigint>();
  for (const item of items) totals.set(item.currency, (totals.get(item.currency) ?? 0n) + item.amountMicros);
  const elapsed = BigInt(Math.max(1, now - cycle.start.getTime()));
  const length = BigInt(cycle.end.getTime() - cycle.start.getTime());
  const list = [...totals].map(([currency, amountMicros]) => ({ currency, amountMicros }));
  return { cycle, items, totals: list, forecasts: list.map((total) => ({ currency: total.currency, amountMicros: (total.amountMicros * length + elapsed - 1n) / elapsed })) };
}
