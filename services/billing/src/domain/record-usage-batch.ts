import { eventsV1 } from "@llm-serve/proto";
import type { BillingDeps } from "./billing-deps.js";
import type { LedgerLine, PendingUsage } from "./ledger-line.js";
import type { PricePlan } from "@llm-serve/pricing";
import { priceUsageEvent, type UsageEvent } from "./price-usage-event.js";

/** Requests refused by quota never reached a vendor: they are not usage. */
const REFUSED_BY_QUOTA = new Set(["rate_limited", "quota_exceeded"]);

export interface RecordedBatch {
  priced: number;
  held: number;
  /** Redeliveries and replays: events already in the ledger or the pending usage. */
  repeated: number;
  refused: number;
}

/**
 * Prices a batch of usage events and appends them to the ledger, each once (keyed by event id);
 * events no plan can price are held in the pending usage and reported.
 */
export async function recordUsageBatch(deps: Pick<BillingDeps, "plans" | "modifiers" | "ledger" | "modelPlans" | "pendingReporter" | "logger">, input: { events: readonly UsageEvent[] }): Promise<RecordedBatch> {
  const unique = new Map<string, UsageEvent>();
  let refused = 0;
  for (const event of input.events) {
    if (REFUSED_BY_QUOTA.has(event.usage.errorCode)) refused += 1;
    else if (!unique.has(event.envelope.eventId)) unique.set(event.envelope.eventId, event);
  }
  const { lines, pending } = await priceEvents(deps, [...unique.values()]);
  const written = new Set(await deps.ledger.append(lines));
  deps.pendingReporter.priced?.(lines.filter((line) => written.has(line.eventId)));
  const priced = written.size;
  const held = await deps.ledger.hold(pending);
  reportHeld(deps, pending, held);
  return { priced, held, repeated: input.events.length - refused - priced - held, refused };
}

/** Prices events with the plans their models are attached to now and their modifiers, read once per batch. */
export async function priceEvents(deps: Pick<BillingDeps, "plans" | "modifiers" | "modelPlans">, events: readonly UsageEvent[]): Promise<{ lines: LedgerLine[]; pending: PendingUsage[] }> {
  const models = [...new Set(events.map((event) => event.usage.model))];
  const planIds = new Map(await Promise.all(models.map(async (model) => [model, await deps.modelPlans.planIdOf(model)] as const)));
  const plans = new Map<string, PricePlan>();
  for (const planId of new Set(planIds.values())) {
    const plan = planId ? await deps.plans.find(planId) : undefined;
    if (plan) plans.set(plan.id, plan);
  }
  const modifiers = events.length === 0 ? [] : await deps.modifiers.forSubjects([...new Set(events.map((event) => event.usage.orgId))], [...new Set(events.map((event) => event.usage.projectId))]);
  const lines: LedgerLine[] = [];
  const pending: PendingUsage[] = [];
  for (const event of events) {
    const planId = planIds.get(event.usage.model);
    const outcome = priceUsageEvent(event, planId, planId ? plans.get(planId) : undefined, modifiers);
    if ("line" in outcome) lines.push(outcome.line);
    else pending.push({ eventId: event.envelope.eventId, model: event.usage.model, reason: outcome.pending, event: { envelope: event.envelope, payload: eventsV1.UsageRecorded.toJSON(event.usage) } });
  }
  return { lines, pending };
}

function reportHeld(deps: Pick<BillingDeps, "pendingReporter" | "logger">, pending: readonly PendingUsage[], held: number): void {
  if (held === 0) return;
  const reasons = new Map<string, number>();
  for (const item of pending) reasons.set(item.reason, (reasons.get(item.reason) ?? 0) + 1);
  for (const [reason, count] of reasons) deps.pendingReporter.held(reason, count);
  const models = [...new Set(pending.map((item) => item.model))];
  deps.logger.warn({ held, reasons: Object.fromEntries(reasons), models }, "usage held: no price plan can price it yet (it is priced when one appears)");
}
