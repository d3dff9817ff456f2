import type { Redis } from "ioredis";
import type { PlannedCounter } from "../counters/planned-counter.js";
import type { Dimension } from "../policy/quota-policy.js";

/** Where one counter stands in its current window (admin API, rebuild checks). */
export interface UsageStats {
  policyId: string;
  subjectId: string;
  dimension: Dimension;
  kind: "rate_limit" | "budget";
  limit: number;
  /** Settled usage over the window. */
  used: number;
  /** Held by requests in flight. */
  held: number;
  remaining: number;
  periodStart: string;
  resetAt: string;
}

/** Reads the buckets of planned counters (one round trip); counters with no data read as zero. */
export async function readUsageStats(redis: Redis, counters: readonly PlannedCounter[]): Promise<UsageStats[]> {
  const pipeline = redis.pipeline();
  for (const counter of counters) for (const bucket of counter.keys.buckets) pipeline.hmget(bucket, "used", "held");
  const replies = (await pipeline.exec()) ?? [];
  let position = 0;
  return counters.map((counter) => {
    let used = 0;
    let held = 0;
    for (let index = 0; index < counter.keys.buckets.length; index += 1) {
      const [error, values] = replies[position] ?? [null, null];
      position += 1;
      if (error) throw error;
      const [usedText, heldText] = (values as Array<string | null> | null) ?? [null, null];
      used += Number(usedText ?? 0);
      held += Number(heldText ?? 0);
    }
    return {
      policyId: counter.applied.policy.id,
      subjectId: counter.applied.subjectId,
      dimension: counter.dimension,
      kind: counter.info.kind,
      limit: counter.limit,
      used,
      held: Math.max(0, held),
      remaining: Math.max(0, counter.limit - used - Math.max(0, held)),
      periodStart: new Date(counter.window.startMs).toISOString(),
      resetAt: new Date(counter.window.resetMs).toISOString(),
    };
  });
}
