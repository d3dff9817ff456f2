import type { BillingDeps } from "./billing-deps.js";

/** How much usage is held for want of a price, and since when. */
export async function getPendingUsage(deps: Pick<BillingDeps, "ledger">): Promise<{ events: number; oldestReceivedAt?: Date }> {
  return deps.ledger.pendingSummary();
}
