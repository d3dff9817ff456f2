import { rmSync } from "node:fs";
import { join } from "node:path";
import { KafkaEventBus, TOPICS, type Subscription } from "@llm-serve/common";
import { waitFor } from "@llm-serve/testkit";
import { expect } from "vitest";
import { recordFigures } from "../support/figures.js";
import { Load, chat, figuresOf, type Outcome } from "../support/load.js";
import { hold, type FaultContext } from "./context.js";

const OUTAGE_MS = 15_000;
/** A budget the open key's load exhausts before the outage (~75 tokens a request). */
const OPEN_BUDGET = 3_000;

const tokensOf = (outcomes: readonly Outcome[]) => outcomes.filter((outcome) => outcome.status === 200).reduce((sum, outcome) => sum + outcome.totalTokens, 0);
const serverErrors = (outcomes: readonly Outcome[]) => outcomes.filter((outcome) => outcome.status === 0 || (outcome.status >= 500 && outcome.status !== 503)).length;

/**
 * Scenario 2: Redis (the quota counters, and every other Redis use) dies under load and comes back
 * EMPTY. docs/quota.md states the policy: a fail-open policy admits requests unchecked, loudly (a
 * warning, a metric and a `quota.fail-opened` event); a fail-closed one refuses with 503 and
 * Retry-After. Once Redis returns, the quota service rebuilds the counters from its Postgres usage
 * record, and a budget ends over its limit by at most the usage of the requests admitted unchecked
 * (the stated bound: used <= L + Σ unchecked settlements).
 */
export async function redisOutage({ platform, redis, logger }: FaultContext): Promise<void> {
  const open = await platform.meteredKey({ token_budget: { limit: OPEN_BUDGET, period: "day" }, fail_mode: "open" });
  const closed = await platform.meteredKey({ fail_mode: "closed" });
  const failOpened: Array<{ policyId: string; requests: number }> = [];
  const bus = new KafkaEventBus({ brokers: platform.env.KAFKA_BROKERS!.split(","), clientId: `fo-${platform.isolation}`, logger, namespace: platform.isolation });
  const subscription: Subscription = await bus.subscribe({ groupId: `fo-${platform.isolation}`, topic: TOPICS.quotaFailOpened, fromBeginning: true, handler: async (event) => void failOpened.push(event.payload) });
  try {
    const openLoad = new Load(2, () => chat(platform.gateway.url, open.secret));
    const closedLoad = new Load(2, () => chat(platform.gateway.url, closed.secret));
    // Before the outage the open key has spent its budget and is refused (429).
    await waitFor(() => openLoad.outcomes.some((outcome) => outcome.status === 429), { timeoutMs: 60_000, description: "the open key's budget exhausted" });
    const stoppedAt = Date.now();
    await redis.kill();
    // It comes back empty: no snapshot to restore (the worst case: every counter must be rebuilt).
    rmSync(join(redis.dataDir, "dump.rdb"), { force: true });
    await hold(OUTAGE_MS - (Date.now() - stoppedAt));
    await redis.start();
    const restartedAt = Date.now();
    const closedBackAt = (await waitFor(() => closedLoad.between(restartedAt).find((outcome) => outcome.status === 200), { timeoutMs: 60_000, description: "fail-closed requests admitted again" })).startedAt;
    const openRefusedAgainAt = (await waitFor(() => openLoad.between(restartedAt).find((outcome) => outcome.status === 429), { timeoutMs: 60_000, description: "the open key refused again" })).startedAt;
    await waitFor(() => closedLoad.between(openRefusedAgainAt).length >= 20, { timeoutMs: 60_000, description: "load after recovery" });
    const [openOutcomes, closedOutcomes] = await Promise.all([openLoad.stop(), closedLoad.stop()]);
    await waitFor(() => failOpened.some((event) => event.policyId === open.policyId), { timeoutMs: 30_000, description: "a quota.fail-opened event" });

    const unchecked = openOutcomes.filter((outcome) => outcome.unchecked);
    const openSpent = tokensOf(openOutcomes);
    const closedSpent = tokensOf(closedOutcomes);
    // The counters once every settlement has landed (rebuilt from the record, then settled).
    const openBudget = await waitFor(async () => { const budget = await platform.budget(open.policyId); return budget.held === 0 && budget.used >= openSpent ? budget : undefined; }, { timeoutMs: 60_000, description: "the open counter equals its usage" }).catch(async () => platform.budget(open.policyId));
    const closedBudget = await waitFor(async () => { const budget = await platform.budget(closed.policyId); return budget.held === 0 && budget.used >= closedSpent ? budget : undefined; }, { timeoutMs: 60_000, description: "the closed counter equals its usage" }).catch(async () => platform.budget(closed.policyId));
    // docs/quota.md: a request in flight when the counters were lost, or admitted unchecked, is
    // charged in full when its settlement lands after the rebuild; if its usage event had already
    // reached the record the rebuild read, it counts twice (on the safe side: refused sooner).
    const inFlightTokens = tokensOf([...openOutcomes, ...closedOutcomes].filter((outcome) => outcome.startedAt < stoppedAt && outcome.endedAt >= stoppedAt - 1_000));
    const outage = (outcomes: readonly Outcome[]) => figuresOf(outcomes.filter((outcome) => outcome.startedAt >= stoppedAt && outcome.startedAt < restartedAt));
    const figures = {
      outageMs: restartedAt - stoppedAt,
      failOpen: {
        load: figuresOf(openOutcomes),
        duringOutage: outage(openOutcomes),
        admittedUnchecked: unchecked.length,
        uncheckedTokens: tokensOf(unchecked),
        budget: OPEN_BUDGET,
        used: openBudget.used,
        overspend: Math.max(0, openSpent - OPEN_BUDGET),
        // What requests the counters checked spent beyond the budget: docs/quota.md's (a − e)⁺ term,
        // a settlement above its reservation (zero when every request uses no more than it reserved).
        checkedOverspend: Math.max(0, openSpent - tokensOf(unchecked) - OPEN_BUDGET),
        events: failOpened.filter((event) => event.policyId === open.policyId).length,
      },
      failClosed: { load: figuresOf(closedOutcomes), duringOutage: outage(closedOutcomes), used: closedBudget.used, spent: closedSpent },
      closedAdmittedAfterRedisReturnedMs: closedBackAt - restartedAt,
      openRefusedAgainAfterRedisReturnedMs: openRefusedAgainAt - restartedAt,
      countedTwice: { tokens: openBudget.used - openSpent + closedBudget.used - closedSpent, boundTokens: inFlightTokens + tokensOf(unchecked) },
      serverErrors: serverErrors(openOutcomes) + serverErrors(closedOutcomes),
    };
    recordFigures("2-redis-outage", figures);

    expect(figures.serverErrors).toBe(0);
    // Fail open: admitted unchecked during the outage, refused again once the counters are back.
    expect(figures.failOpen.admittedUnchecked).toBeGreaterThan(0);
    expect(figures.failOpen.duringOutage.byStatus["503"] ?? 0).toBe(0);
    expect(figures.failOpen.events).toBeGreaterThan(0);
    // The stated bound, and the rebuilt counter equals what was really spent.
    expect(openBudget.used).toBeGreaterThanOrEqual(openSpent);
    expect(figures.countedTwice.tokens).toBeLessThanOrEqual(figures.countedTwice.boundTokens);
    // The bound: what went through unchecked, plus settlements above their reservation, which stay
    // within one answer's output (max_tokens 24) for the requests the counters checked.
    expect(figures.failOpen.overspend).toBeLessThanOrEqual(figures.failOpen.uncheckedTokens + 24);
    expect(openOutcomes.filter((outcome) => outcome.startedAt >= openRefusedAgainAt && outcome.status === 200)).toEqual([]);
    // Fail closed: refused with 503 while Redis is away, nothing admitted unchecked, counter exact.
    expect(closedOutcomes.filter((outcome) => outcome.unchecked)).toEqual([]);
    expect(figures.failClosed.duringOutage.byStatus["503"] ?? 0).toBeGreaterThan(0);
    expect(closedBudget.used).toBeGreaterThanOrEqual(closedSpent);
  } finally {
    await subscription.stop();
    await bus.close();
  }
}
