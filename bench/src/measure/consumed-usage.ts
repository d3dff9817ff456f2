import { createDatabase } from "@llm-serve/common";
import { INFRA } from "@llm-serve/testkit";

/** Usage events as billing and analytics stored them (null: the table was not there to count). */
export interface ConsumedUsage {
  /** Events billing priced into its ledger. */
  billed: number | null;
  /** Events billing holds unpriced (no price plan could price them). */
  heldByBilling: number | null;
  /** Events analytics recorded. */
  recordedByAnalytics: number | null;
}

/**
 * Counts what the two consumers of usage made of the events the gateway sent, waiting (bounded)
 * until each has caught up with `sent`: proof that the run's platform did the whole work of a call,
 * not only its synchronous part.
 */
export async function countConsumedUsage(schemas: { billing: string; analytics: string }, sent: number, waitMs = 60_000): Promise<ConsumedUsage> {
  const billing = createDatabase({ url: INFRA.databaseUrl, schema: schemas.billing, poolMax: 1 });
  const analytics = createDatabase({ url: INFRA.databaseUrl, schema: schemas.analytics, poolMax: 1 });
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const counted: ConsumedUsage = {
        billed: await rows(billing, "ledger_lines"),
        heldByBilling: await rows(billing, "pending_usage"),
        recordedByAnalytics: await rows(analytics, "usage_events"),
      };
      const billingDone = (counted.billed ?? sent) + (counted.heldByBilling ?? 0) >= sent;
      const analyticsDone = (counted.recordedByAnalytics ?? sent) >= sent;
      if ((billingDone && analyticsDone) || Date.now() > deadline) return counted;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await Promise.all([billing.destroy(), analytics.destroy()]);
  }
}

async function rows(db: ReturnType<typeof createDatabase>, table: string): Promise<number | null> {
  try {
    const [row] = await db(table).count<{ count: string }[]>({ count: "*" });
    return Number(row?.count ?? 0);
  } catch {
    return null;
  }
}
