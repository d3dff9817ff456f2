import { versionInForce, volumeTierAdjustment, type PricePlan } from "@llm-serve/pricing";
import type { Cycle, PlanVolume } from "./bill.js";

/**
 * The volume discount of each plan an org spent on in a cycle (ADR 0021): the tiers of the plan's
 * version in force at the cycle's last instant, applied to the cycle's whole volume on that plan
 * (the sum of its lines). Returned as volumes whose `volumeMicros` is the discount (0 or negative).
 * A sum does not depend on the order of its terms: arrival order cannot change a discount.
 */
export function volumeDiscounts(plans: ReadonlyMap<string, PricePlan>, cycle: Cycle, volumes: readonly PlanVolume[]): PlanVolume[] {
  const lastInstant = new Date(cycle.end.getTime() - 1);
  return volumes.map((volume) => {
    const plan = plans.get(volume.planId);
    const tiers = (plan && versionInForce(plan, lastInstant)?.volumeTiers) ?? [];
    return { planId: volume.planId, currency: volume.currency, volumeMicros: volumeTierAdjustment(volume.volumeMicros, tiers) };
  });
}
