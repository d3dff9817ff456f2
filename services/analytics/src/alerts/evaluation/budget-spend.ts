import type { LedgerCosts } from "../../domain/ledger-costs.js";
import type { AlertRule } from "../domain/alert-rule.js";
import type { Condition } from "./condition-of.js";

/** The UTC calendar period holding `now`: a budget is spent over the current day or month and starts afresh with the next. */
export function budgetPeriodOf(period: AlertRule["period"], now: Date): { start: Date; end: Date } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  if (period === "day") {
    const start = new Date(Date.UTC(year, month, now.getUTCDate()));
    return { start, end: new Date(start.getTime() + 86_400_000) };
  }
  return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
}

/**
 * A budget rule's condition (ADR 0028): the spend of the current period in the rule's currency, as
 * billing's ledger sums it (exact micro-units, through SumLedger), against `threshold` percent of the
 * budget. It stops holding when a new period starts or the budget is raised.
 */
export async function budgetCondition(costs: LedgerCosts, rule: AlertRule, now: Date): Promise<Condition> {
  const { start, end } = budgetPeriodOf(rule.period, now);
  const sums = await costs.sum({
    orgId: rule.orgId,
    projectId: rule.projectId,
    keyId: rule.keyId,
    model: rule.deployment ? "" : rule.model,
    provider: "",
    deploymentId: rule.deployment,
    status: "",
    start: start.toISOString(),
    end: end.toISOString(),
    groupBy: [],
  });
  const spentMicros = sums.filter((sum) => sum.currency === rule.currency).reduce((total, sum) => total + sum.amountMicros, 0);
  // Integer comparison: spent * 100 >= threshold% * budget, both sides exact below 2^53 for sane budgets.
  const holds = spentMicros * 100 >= rule.threshold * rule.budgetMicros;
  const percent = (spentMicros * 100) / rule.budgetMicros;
  return {
    holds,
    value: Math.round(percent * 100) / 100,
    summary: `spent ${decimal(spentMicros)} ${rule.currency} of a ${decimal(rule.budgetMicros)} ${rule.currency} ${rule.period} budget since ${start.toISOString()} (${Math.round(percent * 100) / 100}%; threshold ${rule.threshold}%)`,
  };
}

const decimal = (micros: number) => `${Math.trunc(micros / 1_000_000)}.${String(Math.abs(micros) % 1_000_000).padStart(6, "0")}`;
