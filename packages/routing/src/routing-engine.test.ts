import { describe, expect, it, vi } from "vitest";
import type { ModelRoute, RouteCandidate } from "./route-candidate.js";
import { RoutingEngine } from "./routing-engine.js";

function candidate(id: string, overrides: Partial<RouteCandidate> = {}): RouteCandidate {
  return { id, weight: 1, priority: 0, rpm: 0, tpm: 0, healthy: true, ...overrides };
}

function route(candidates: RouteCandidate[], overrides: Partial<ModelRoute<RouteCandidate>> = {}): ModelRoute<RouteCandidate> {
  return { model: "m", strategy: "weighted_random", maxRetries: 2, candidates, fallbacks: [], ...overrides };
}

function firstChoices(engine: RoutingEngine<RouteCandidate>, modelRoute: ModelRoute<RouteCandidate>, times: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let index = 0; index < times; index += 1) {
    const plan = engine.plan(modelRoute);
    const first = plan.candidates[0]!.id;
    counts[first] = (counts[first] ?? 0) + 1;
    engine.report(plan, 0, { ok: true, latencyMs: 10 });
  }
  return counts;
}

describe("RoutingEngine", () => {
  it("spreads traffic by weight under weighted random", () => {
    const engine = new RoutingEngine();
    const counts = firstChoices(engine, route([candidate("a", { weight: 3 }), candidate("b", { weight: 1 })]), 4_000);
    expect(counts.a! / 4_000).toBeGreaterThan(0.7);
    expect(counts.a! / 4_000).toBeLessThan(0.8);
  });

  it("retries on a different deployment, and cycles when there are fewer deployments than attempts", () => {
    const engine = new RoutingEngine();
    const two = engine.plan(route([candidate("a"), candidate("b")], { maxRetries: 1 }));
    expect(new Set(two.candidates.map((entry) => entry.id))).toEqual(new Set(["a", "b"]));
    const one = engine.plan(route([candidate("a")], { maxRetries: 2 }));
    expect(one.candidates.map((entry) => entry.id)).toEqual(["a", "a", "a"]);
  });

  it("moves traffic away from a slow deployment under lowest latency", () => {
    const engine = new RoutingEngine();
    const modelRoute = route([candidate("fast"), candidate("slow")], { strategy: "lowest_latency" });
    for (let index = 0; index < 4; index += 1) {
      const plan = engine.plan(modelRoute);
      engine.report(plan, 0, { ok: true, latencyMs: plan.candidates[0]!.id === "slow" ? 900 : 20 });
    }
    expect(firstChoices(engine, modelRoute, 50)).toEqual({ fast: 50 });
  });

  it("prefers the deployment with fewer attempts in flight under least busy", () => {
    const engine = new RoutingEngine();
    const modelRoute = route([candidate("a"), candidate("b")], { strategy: "least_busy" });
    const held = engine.plan(modelRoute);
    const busy = held.candidates[0]!.id;
    for (let index = 0; index < 20; index += 1) {
      const plan = engine.plan(modelRoute);
      expect(plan.candidates[0]!.id).not.toBe(busy);
      engine.report(plan, 0, { ok: true, latencyMs: 5 });
    }
    engine.report(held, 0, { ok: true, latencyMs: 5 });
    expect(engine.inFlight.count(busy)).toBe(0);
  });

  it("orders by priority, falling back to the next level", () => {
    const engine = new RoutingEngine();
    const plan = engine.plan(route([candidate("backup", { priority: 5 }), candidate("main", { priority: 0 })], { strategy: "priority" }));
    expect(plan.candidates.map((entry) => entry.id)).toEqual(["main", "backup", "main"]);
  });

  it("puts the registry's unhealthy and saturated deployments last", () => {
    const engine = new RoutingEngine();
    const limited = candidate("limited", { rpm: 1 });
    const first = engine.plan(route([limited], { maxRetries: 0 }));
    engine.report(first, 0, { ok: true, latencyMs: 5 });
    const plan = engine.plan(route([candidate("sick", { healthy: false }), limited, candidate("fine")], { maxRetries: 2 }));
    expect(plan.candidates.map((entry) => entry.id)).toEqual(["fine", "limited", "sick"]);
  });

  it("stops retrying when the retry budget is spent", () => {
    let now = 0;
    const engine = new RoutingEngine({ now: () => now, retryBudget: { ratio: 0.1, minRetriesPerSecond: 0, windowMs: 1_000 } });
    const modelRoute = route([candidate("a"), candidate("b")], { maxRetries: 1 });
    const lengths: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      const plan = engine.plan(modelRoute);
      lengths.push(plan.candidates.length);
      engine.report(plan, 0, { ok: false, latencyMs: 1, retryable: true });
      if (plan.candidates.length > 1) engine.report(plan, 1, { ok: false, latencyMs: 1, retryable: true });
      now += 10;
    }
    const retried = lengths.filter((length) => length > 1).length;
    expect(retried).toBeGreaterThan(0);
    expect(retried).toBeLessThanOrEqual(5);
  });

  it("refuses the retries of plans in flight once they spent the budget, not only those of new plans", () => {
    // The floor allows 2 retries in the window; four plans are made before any attempt fails.
    const engine = new RoutingEngine({ now: () => 0, retryBudget: { ratio: 0, minRetriesPerSecond: 2, windowMs: 1_000 } });
    const modelRoute = route([candidate("a"), candidate("b")], { maxRetries: 3 });
    const plans = [engine.plan(modelRoute), engine.plan(modelRoute), engine.plan(modelRoute), engine.plan(modelRoute)];
    expect(plans.every((plan) => plan.candidates.length === 4)).toBe(true);
    const allowed = plans.map((plan) => engine.report(plan, 0, { ok: false, latencyMs: 1, retryable: true }));
    expect(allowed).toEqual([true, true, false, false]);
    // Successes and failures that end a plan never ask for a retry.
    expect(engine.report(plans[0]!, 1, { ok: true, latencyMs: 1 })).toBe(true);
  });

  it("opens a dead deployment's circuit, then lets one probe through and closes it on success", async () => {
    const engine = new RoutingEngine({ circuitBreaker: { volumeThreshold: 3, resetTimeoutMs: 100 }, retryBudget: { minRetriesPerSecond: 100 } });
    const modelRoute = route([candidate("dead"), candidate("alive")], { maxRetries: 1 });
    for (let index = 0; index < 20 && engine.circuits.state("dead") === "closed"; index += 1) {
      const plan = engine.plan(modelRoute);
      for (const [position, entry] of plan.candidates.entries()) {
        const dead = entry.id === "dead";
        engine.report(plan, position, dead ? { ok: false, latencyMs: 1, retryable: true } : { ok: true, latencyMs: 1 });
        if (!dead) break;
      }
      // Outcomes reach opossum through promises: let them settle, as separate requests would.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(engine.circuits.state("dead")).toBe("open");
    expect(engine.plan(modelRoute).candidates.map((entry) => entry.id)).toEqual(["alive", "alive"]);

    await vi.waitFor(() => expect(engine.circuits.state("dead")).toBe("half_open"), { timeout: 2_000, interval: 20 });
    const probe = engine.plan(modelRoute);
    expect(probe.candidates.map((entry) => entry.id)).toEqual(["dead", "alive"]);
    expect(engine.plan(modelRoute).candidates.map((entry) => entry.id)).toEqual(["alive", "alive"]);
    engine.report(probe, 0, { ok: true, latencyMs: 1 });
    await vi.waitFor(() => expect(engine.circuits.state("dead")).toBe("closed"), { timeout: 1_000, interval: 5 });
    engine.shutdown();
  });

  it("does not count client errors against a deployment", () => {
    const engine = new RoutingEngine({ circuitBreaker: { volumeThreshold: 2 } });
    for (let index = 0; index < 10; index += 1) {
      const plan = engine.plan(route([candidate("a")], { maxRetries: 0 }));
      engine.report(plan, 0, { ok: false, latencyMs: 1, retryable: false });
    }
    expect(engine.circuits.state("a")).toBe("closed");
    engine.shutdown();
  });

  it("names the fallback models configured for a failure kind", () => {
    const engine = new RoutingEngine();
    const modelRoute = route([candidate("a")], { fallbacks: [{ model: "big", on: ["context_window"] }, { model: "other", on: ["content_policy", "unavailable"] }] });
    expect(engine.fallbackModels(modelRoute, "context_window")).toEqual(["big"]);
    expect(engine.fallbackModels(modelRoute, "unavailable")).toEqual(["other"]);
    expect(engine.fallbackModels(modelRoute, "other")).toEqual([]);
  });
});
