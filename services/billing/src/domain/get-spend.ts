import { AppError } from "@llm-serve/common";
import type { BillItem, Cycle, CurrencyAmount } from "./bill.js";
import type { BillingDeps } from "./billing-deps.js";
import { volumeDiscounts } from "./volume-discounts.js";

const GROUPS = { "": [], project: ["project_id"], key: ["project_id", "key_id"], model: ["model"] } as const;
export type SpendGrouping = keyof typeof GROUPS;

export interface Spend {
  cycle: Cycle;
  items: BillItem[];
  totals: CurrencyAmount[];
  /** Linear: the spend so far on each plan scaled to the whole cycle (rounded up), less its volume discount. */
  forecasts: CurrencyAmount[];
}

/** Spend of the org's open cycle so far (by event time), grouped, with a forecast to the cycle end. */
export async function getSpend(deps: Pick<BillingDeps, "bills" | "accounts" | "plans" | "clock">, input: { orgId: string; groupBy: string }): Promise<Spend> {
  if (!(input.groupBy in GROUPS)) throw new AppError("invalid_request", "group_by must be one of project, key, model", { details: { param: "group_by" } });
  if (input.orgId === "") throw new AppError("invalid_request", "org_id is required", { details: { param: "org_id" } });
  const now = deps.clock();
  const cycle = await deps.accounts.cycleContaining(await deps.accounts.find(input.orgId), new Date(now));
  const usage = await deps.bills.spend({ orgId: input.orgId, from: cycle.start, to: cycle.end, groupBy: GROUPS[input.groupBy as SpendGrouping] });
  const volumes = await deps.bills.volumes({ orgId: input.orgId, from: cycle.start, to: cycle.end });
  const plans = new Map((await deps.plans.all()).map((plan) => [plan.id, plan]));
  const discounts = volumeDiscounts(plans, cycle, volumes).filter((discount) => discount.volumeMicros !== 0n);
  const items: BillItem[] = [...usage, ...discounts.map((discount) => discountItem(discount.planId, discount.currency, discount.volumeMicros))];
  const elapsed = BigInt(Math.max(1, now - cycle.start.getTime()));
  const length = BigInt(cycle.end.getTime() - cycle.start.getTime());
  const projected = volumes.map((volume) => ({ ...volume, volumeMicros: (volume.volumeMicros * length + elapsed - 1n) / elapsed }));
  const projectedDiscounts = volumeDiscounts(plans, cycle, projected);
  const forecastItems = projected.map((volume, index) => ({ currency: volume.currency, amountMicros: volume.volumeMicros + projectedDiscounts[index]!.volumeMicros }));
  return { cycle, items, totals: byCurrency(items), forecasts: byCurrency(forecastItems) };
}

function discountItem(planId: string, currency: string, amountMicros: bigint): BillItem {
  return { projectId: "", keyId: "", model: "", currency, adjustment: false, requests: 0, estimatedRequests: 0, amountMicros, kind: "volume_tier", planId };
}

function byCurrency(items: ReadonlyArray<{ currency: string; amountMicros: bigint }>): CurrencyAmount[] {
  const totals = new Map<string, bigint>();
  for (const item of items) totals.set(item.currency, (totals.get(item.currency) ?? 0n) + item.amountMicros);
  return [...totals].sort(([left], [right]) => left.localeCompare(right)).map(([currency, amountMicros]) => ({ currency, amountMicros }));
}
