import { readListOrder, unknownCursor } from "@llm-serve/common";
import type { OrgScope } from "../store/alert-rule-store.js";
import type { AlertRule } from "./alert-rule.js";
import type { AlertRuleDeps } from "./alert-deps.js";

const MAX_PAGE = 100;

/**
 * A page of the scope's rules by id (`asc` unless `order` says `desc`), after the rule `after`. An
 * `after` that is no rule of the scope (never created, another organization's, deleted since) is a 400
 * naming `after`: the ids past it would be a page of a list nobody asked for.
 */
export async function listAlertRules(deps: Pick<AlertRuleDeps, "rules">, input: { scope: OrgScope; limit: number; after: string; order?: string }): Promise<{ rules: AlertRule[]; hasMore: boolean }> {
  const order = readListOrder(input.order, "asc");
  const limit = Math.min(Math.max(input.limit, 1), MAX_PAGE);
  if (input.after !== "" && !(await deps.rules.find(input.after, input.scope))) throw unknownCursor(input.after);
  return deps.rules.list(input.scope, limit, input.after, order);
}
