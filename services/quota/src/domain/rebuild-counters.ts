import { DIMENSIONS, UserQuota, limitsOf, type DimensionLimit, type PlanContext, type QuotaPolicy } from "@llm-serve/quota-engine";
import type { SubjectTotals } from "../store/usage-store.js";
import type { QuotaDeps } from "./quota-deps.js";

type Deps = Pick<QuotaDeps, "policies" | "usage" | "settings" | "state" | "layout" | "clock" | "logger">;

interface BucketWrite {
  bucket: string;
  used: number;
  expireAtMs: number;
}

type TotalsOf = (policy: QuotaPolicy, startMs: number, endMs: number) => Promise<Map<string, SubjectTotals>>;

const ZERO = { tokens: 0, costMicros: 0 };

/**
 * Sets the settled usage of every counter in its current window from the usage record in
 * Postgres (concurrency has nothing to rebuild: its holds went with the data). One query per
 * distinct (scope, model, cycle), shared by every policy that needs it.
 *
 * A policy counts for its own subject, and for every subject that carries it by id
 * (`quota_policy_ids` of keys and projects), which only auth-key knows. So a policy's counter is
 * rebuilt for each subject of its scope (within its organization) that has usage in the window:
 * a subject that does not carry it gets a counter nobody reads; one that does gets its usage back.
 */
export async function rebuildCounters(deps: Deps): Promise<{ counters: number; durationMs: number }> {
  const started = performance.now();
  const settings = deps.settings();
  const context: PlanContext = { nowMs: deps.clock(), settings, layout: deps.layout, holdKeyTtlMs: 60_000 };
  const policies: QuotaPolicy[] = [...(await deps.policies.all()), ...settings.defaultPolicies];
  const cache = new Map<string, Promise<Map<string, SubjectTotals>>>();
  const totalsOf: TotalsOf = (policy, startMs, endMs) => {
    const cacheKey = `${policy.scope}|${policy.model}|${startMs}|${endMs}`;
    let totals = cache.get(cacheKey);
    if (!totals) {
      totals = deps.usage.totalsBySubject({ scope: policy.scope, model: policy.model, startMs, endMs }).then((rows) => new Map(rows.map((row) => [row.subjectId, row])));
      cache.set(cacheKey, totals);
    }
    return totals;
  };
  const writes: BucketWrite[] = [];
  for (const policy of policies) {
    for (const limit of limitsOf(policy)) if (limit.period) writes.push(...(await bucketWritesFor(policy, limit, context, totalsOf)));
  }
  await deps.state.writeUsage(writes);
  const durationMs = Math.round(performance.now() - started);
  deps.logger.info({ policies: policies.length, buckets: writes.length, durationMs }, "quota counters rebuilt from the usage record");
  return { counters: writes.length, durationMs };
}

/**
 * A default policy counts every subject of its scope separately; any other counts for its own
 * subject and for the subjects of its organization that may carry it by id.
 */
function subjectsOf(policy: QuotaPolicy, perCycle: ReadonlyArray<Map<string, SubjectTotals>>): string[] {
  const subjects = new Set<string>(policy.scopeId !== "" ? [policy.scopeId] : []);
  for (const totals of perCycle) {
    for (const [subjectId, subjectTotals] of totals) if (policy.orgId === "" || subjectTotals.orgId === policy.orgId) subjects.add(subjectId);
  }
  return [...subjects];
}

function counterOf(policy: QuotaPolicy, subjectId: string, limit: DimensionLimit, context: PlanContext) {
  return UserQuota.fromApplied([{ policy, subjectId }])
    .plan(ZERO, context)
    .find((candidate) => candidate.dimension === limit.dimension)!;
}

async function bucketWritesFor(policy: QuotaPolicy, limit: DimensionLimit, context: PlanContext, totalsOf: TotalsOf): Promise<BucketWrite[]> {
  const metric = DIMENSIONS[limit.dimension].metric;
  // The window's cycles depend only on the policy's period and zone, not on the subject.
  const cycles = counterOf(policy, policy.scopeId || "_", limit, context).window.cycles;
  const perCycle = await Promise.all(cycles.map((cycle) => totalsOf(policy, cycle.startMs, cycle.endMs)));
  const subjects = subjectsOf(policy, perCycle);
  const writes: BucketWrite[] = [];
  for (const subjectId of subjects) {
    const counter = counterOf(policy, subjectId, limit, context);
    perCycle.forEach((totals, index) => {
      const subjectTotals = totals.get(subjectId);
      if (!subjectTotals) return;
      const used = metric === "requests" ? subjectTotals.requests : metric === "tokens" ? subjectTotals.tokens : subjectTotals.costMicros;
      writes.push({ bucket: counter.keys.buckets[index]!, used, expireAtMs: counter.bucketExpireAtMs });
    });
  }
  return writes;
}
