import { AppError } from "@llm-serve/common";
import { UserQuota, readUsageStats, type UsageStats } from "@llm-serve/quota-engine";
import { getPolicy } from "./get-policy.js";
import type { QuotaDeps } from "./quota-deps.js";

const HOLD_KEY_TTL_MS = 60_000;

/** Where each counter of one policy and subject stands in its current window (read from Redis). */
export async function getUsage(deps: Pick<QuotaDeps, "policies" | "settings" | "redis" | "layout" | "clock">, input: { policyId: string; subjectId: string }): Promise<UsageStats[]> {
  const policy = await getPolicy(deps, { id: input.policyId });
  const subjectId = input.subjectId || policy.scopeId;
  if (subjectId === "") throw new AppError("invalid_request", "a default policy counts per subject: name the subject", { details: { param: "subject_id" } });
  const counters = UserQuota.fromApplied([{ policy, subjectId }]).plan(
    { tokens: 0, costMicros: 0 },
    { nowMs: deps.clock(), settings: deps.settings(), layout: deps.layout, holdKeyTtlMs: HOLD_KEY_TTL_MS },
  );
  return readUsageStats(deps.redis, counters);
}
