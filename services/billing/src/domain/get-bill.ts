import { AppError } from "@llm-serve/common";
import type { Bill } from "./bill.js";
import type { BillingDeps } from "./billing-deps.js";

export async function getBill(deps: Pick<BillingDeps, "bills">, input: { id: string }): Promise<Bill> {
  const bill = await deps.bills.find(input.id);
  if (!bill) throw new AppError("not_found", `bill ${input.id} does not exist`, { details: { param: "id" } });
  return bill;
}
