import { AppError, readListOrder, unknownCursor } from "@llm-serve/common";
import type { Incident } from "../store/incident-store.js";
import type { OrgScope } from "../store/alert-rule-store.js";
import type { AlertRuleDeps } from "./alert-deps.js";

const MAX_PAGE = 100;
/** Incident ids are UUIDs (the column's type): anything else names none, and is refused before SQL sees it. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A page of a rule's firing history, newest first unless `order` says `asc`. Another organization's
 * rule is not found: its history is as private as the rule. An `after` that is no incident of this
 * rule is a 400 naming `after`, not an empty page.
 */
export async function listAlertIncidents(
  deps: Pick<AlertRuleDeps, "rules" | "incidents">,
  input: { scope: OrgScope; ruleId: string; limit: number; after: string; order?: string },
): Promise<{ incidents: Array<Incident & { state: string }>; hasMore: boolean }> {
  if (!(await deps.rules.find(input.ruleId, input.scope))) throw new AppError("not_found", `No alert rule ${input.ruleId}.`);
  const order = readListOrder(input.order, "desc");
  if (input.after !== "" && !(UUID.test(input.after) && (await deps.incidents.isOf(input.ruleId, input.after)))) throw unknownCursor(input.after);
  const limit = Math.min(Math.max(input.limit, 1), MAX_PAGE);
  return deps.incidents.list(input.ruleId, limit, input.after, order);
}
