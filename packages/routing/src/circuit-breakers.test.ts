import { afterEach, describe, expect, it } from "vitest";
import { CircuitBreakers } from "./circuit-breakers.js";

const settings = { errorThresholdPercentage: 50, volumeThreshold: 3, resetTimeoutMs: 60_000, rollingCountTimeoutMs: 10_000, probeLeaseMs: 1_000 };

/** The breaker settles an outcome on a microtask; give it one turn before reading the state. */
async function recordAll(breakers: CircuitBreakers, outcomes: boolean[]): Promise<void> {
  for (const healthy of outcomes) {
    breakers.record("deployment", healthy);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("CircuitBreakers: ROUTING_CIRCUIT_MIN_REQUESTS counts attempts, not failures", () => {
  let breakers: CircuitBreakers;
  afterEach(() => breakers.shutdown());

  it("stays closed below the minimum number of attempts, however many of them failed", async () => {
    breakers = new CircuitBreakers(settings);
    await recordAll(breakers, [false, false]);
    expect(breakers.state("deployment")).toBe("closed");
    await recordAll(breakers, [false]);
    expect(breakers.state("deployment")).toBe("open");
  });

  it("opens at the minimum number of attempts once more than the error share failed (2 failures of 3)", async () => {
    breakers = new CircuitBreakers(settings);
    await recordAll(breakers, [true, false, false]);
    expect(breakers.recentOutcomes("deployment")).toEqual({ attempts: 3, failures: 2 });
    expect(breakers.state("deployment")).toBe("open");
    expect(breakers.admits("deployment", false)).toBe(false);
  });

  it("does not open at exactly the error share", async () => {
    breakers = new CircuitBreakers(settings);
    await recordAll(breakers, [true, false, true, false]);
    expect(breakers.state("deployment")).toBe("closed");
  });
});
