import { AppError, readListOrder, unknownCursor } from "@llm-serve/common";
import type { Bill } from "./bill.js";
import type { BillingDeps } from "./billing-deps.js";
import { pageLimit } from "./list-price-plans.js";

/** An org's bills, newest cycle first (`order` `asc`: oldest first), paginated by `after` (a bill id). */
export async function listBills(deps: Pick<BillingDeps, "bills">, input: { orgId: string; limit: number; after: string; order?: string }): Promise<{ bills: Bill[]; hasMore: boolean }> {
  if (input.orgId === "") throw new AppError("invalid_request", "org_id is required", { details: { param: "org_id" } });
  const limit = pageLimit(input.limit);
  const order = readListOrder(input.order, "desc");
  // Another org's bill, or none, is no cursor of this list: a 400 naming after, not an empty page.
  if (input.after !== "" && !(await deps.bills.isOf(input.orgId, input.after))) throw unknownCursor(input.after);
  const bills = await deps.bills.list({ orgId: input.orgId, limit, after: input.after, order });
  return { bills: bills.slice(0, limit), hasMore: bills.length > limit };
}
