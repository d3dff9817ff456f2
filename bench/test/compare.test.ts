import { describe, expect, it } from "vitest";
import { checkTargets, compare } from "../src/report/compare.js";
import type { ScenarioResult } from "../src/report/results.js";

function result(target: "direct" | "gateway", clients: number, throughput: number, p50: number, p99: number, kind: ScenarioResult["kind"] = "chat"): ScenarioResult {
  const latency = { count: 100, mean: p50, p50, p90: p99, p99, max: p99 };
  return {
    kind, target, clients, requests: 100, errors: 0, errorSamples: [], durationMs: 1_000, throughput, latency,
    ...(kind === "chat-stream" ? { firstByte: latency } : {}),
    peakRssMiB: 100, cpuMicrosPerRequest: {}, machineBusyPercent: 50, upstreamConnectionsOpened: 0,
  };
}

describe("compare and checkTargets", () => {
  it("gives (b)/(a) ratios and added latency, and checks the issue's targets", () => {
    const results = [result("direct", 1, 10_000, 0.1, 0.3), result("gateway", 1, 1_000, 0.9, 2.5), result("direct", 32, 30_000, 1, 3), result("gateway", 32, 2_000, 15, 40)];
    const comparisons = compare(results);
    expect(comparisons[0]).toEqual({ kind: "chat", clients: 1, throughputRatio: 0.1, p50Ratio: 9, p99Ratio: 8.33, addedP50Ms: 0.8, addedP99Ms: 2.2 });
    const targets = checkTargets(results, comparisons);
    expect(targets.map((check) => check.met)).toEqual([true, true, false, null, null]);
  });

  it("checks the streaming time to first byte", () => {
    const results = [result("direct", 1, 10_000, 0.1, 0.3, "chat-stream"), result("gateway", 1, 1_000, 2.5, 5, "chat-stream")];
    const [comparison] = compare(results);
    expect(comparison?.addedFirstByteP50Ms).toBe(2.4);
    expect(checkTargets(results, compare(results))[3]?.met).toBe(false);
  });
});
