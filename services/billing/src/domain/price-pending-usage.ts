import type { EventEnvelope } from "@llm-serve/common";
import { eventsV1 } from "@llm-serve/proto";
import type { BillingDeps } from "./billing-deps.js";
import { priceEvents } from "./record-usage-batch.js";

const BATCH = 1_000;

/**
 * Tries again to price the held usage (after a plan or version appeared, and on a timer). What can
 * be priced now moves to the ledger in one transaction with its removal from the pending usage.
 */
export async function pricePendingUsage(deps: Pick<BillingDeps, "plans" | "modifiers" | "ledger" | "modelPlans" | "pendingReporter" | "logger">): Promise<{ priced: number; stillPending: number }> {
  let priced = 0;
  let seen = 0;
  for (;;) {
    const held = await deps.ledger.pending(BATCH + seen);
    const batch = held.slice(seen);
    if (batch.length === 0) break;
    const events = batch.map((item) => {
      const stored = item.event as { envelope: EventEnvelope; payload: unknown };
      return { envelope: stored.envelope, usage: eventsV1.UsageRecorded.fromJSON(stored.payload) };
    });
    const { lines } = await priceEvents(deps, events);
    priced += (await deps.ledger.append(lines)).length;
    seen += batch.length - lines.length;
    if (batch.length < BATCH) break;
  }
  const summary = await deps.ledger.pendingSummary();
  deps.pendingReporter.pendingNow(summary.events);
  if (priced > 0) deps.logger.info({ priced, stillPending: summary.events }, "held usage priced");
  return { priced, stillPending: summary.events };
}
