import { TOPICS } from "@llm-serve/common";
import type { Bill, Cycle } from "./bill.js";
import type { PricePlan } from "@llm-serve/pricing";
import type { BillingDeps } from "./billing-deps.js";
import { volumeDiscounts } from "./volume-discounts.js";

type CloseDeps = Pick<BillingDeps, "bills" | "accounts" | "plans" | "clock" | "newBillId" | "encode" | "kickRelay" | "logger">;

/**
 * Closes, oldest first, every cycle of an org (or of every org with unbilled lines) that has ended.
 * The next cycle to close starts where the last bill ended, or at the earliest unbilled line: so
 * late lines of a closed cycle land on the next bill as adjustments, never on the closed one.
 */
export async function closeDueCycles(deps: CloseDeps, input: { orgId: string }): Promise<Bill[]> {
  const orgs = input.orgId !== "" ? [input.orgId] : await deps.bills.orgsWithUnbilledLines();
  const closed: Bill[] = [];
  const plans = new Map((await deps.plans.all()).map((plan) => [plan.id, plan]));
  for (const orgId of orgs) closed.push(...(await closeOrg(deps, orgId, plans)));
  if (closed.length > 0) deps.kickRelay();
  return closed;
}

async function closeOrg(deps: CloseDeps, orgId: string, plans: ReadonlyMap<string, PricePlan>): Promise<Bill[]> {
  const account = await deps.accounts.find(orgId);
  const closed: Bill[] = [];
  for (;;) {
    const cycle = await nextCycle(deps, orgId, account);
    if (!cycle || cycle.end.getTime() > deps.clock()) return closed;
    const bill = await deps.bills.close({
      id: deps.newBillId(),
      orgId,
      cycle,
      closedAt: new Date(deps.clock()),
      discounts: (volumes) => volumeDiscounts(plans, cycle, volumes),
      event: (frozen) =>
        deps.encode({
          topic: TOPICS.billingCycleClosed,
          key: orgId,
          payload: {
            billId: frozen.id,
            orgId,
            cycleStart: frozen.cycle.start.toISOString(),
            cycleEnd: frozen.cycle.end.toISOString(),
            closedAt: frozen.closedAt.toISOString(),
            totals: frozen.totals.map((total) => ({ currency: total.currency, amountMicros: Number(total.amountMicros) })),
            ledgerLines: frozen.ledgerLines,
          },
        }),
    });
    if (!bill) return closed;
    deps.logger.info({ billId: bill.id, orgId, cycleStart: bill.cycle.start, lines: bill.ledgerLines }, "billing cycle closed");
    closed.push(bill);
  }
}

async function nextCycle(deps: CloseDeps, orgId: string, account: Awaited<ReturnType<CloseDeps["accounts"]["find"]>>): Promise<Cycle | undefined> {
  const earliest = await deps.bills.earliestUnbilledLine(orgId);
  if (!earliest) return undefined;
  const lastEnd = await deps.bills.lastCycleEnd(orgId);
  const from = lastEnd && lastEnd.getTime() > earliest.getTime() ? lastEnd : earliest;
  const cycle = await deps.accounts.cycleContaining(account, from);
  // After an anchor change the new cycle may begin before the last bill's end: it starts there instead.
  return lastEnd && cycle.start.getTime() < lastEnd.getTime() ? { start: lastEnd, end: cycle.end } : cycle;
}
