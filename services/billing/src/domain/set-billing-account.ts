import { AppError } from "@llm-serve/common";
import type { BillingAccount } from "./bill.js";
import type { BillingDeps } from "./billing-deps.js";

/** Sets an org's cycle anchor day (1..28, so every month has it) and timezone (IANA). */
export async function setBillingAccount(deps: Pick<BillingDeps, "accounts">, account: BillingAccount): Promise<BillingAccount> {
  if (account.orgId === "") throw new AppError("invalid_request", "org_id is required", { details: { param: "org_id" } });
  if (!Number.isInteger(account.anchorDay) || account.anchorDay < 1 || account.anchorDay > 28) {
    throw new AppError("invalid_request", "anchor_day must be an integer from 1 to 28", { details: { param: "anchor_day" } });
  }
  if (!(await deps.accounts.isTimezone(account.timezone))) throw new AppError("invalid_request", `unknown timezone ${account.timezone}`, { details: { param: "timezone" } });
  await deps.accounts.save(account);
  return account;
}
