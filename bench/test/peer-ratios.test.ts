import { describe, expect, it } from "vitest";
import { checkPeerTargets, differenceOf, ratioToLlmServe } from "../src/report/peer-ratios.js";
import type { PeerMeasurement, PeerReport, PeerRole, PeerScenario, PeerTargetResult } from "../src/report/peer-results.js";
import { renderPeers } from "../src/report/render-peers.js";

const CHAT_32: PeerScenario = { kind: "chat", clients: 32 };
const CHAT_1: PeerScenario = { kind: "chat", clients: 1 };
const STREAM_1: PeerScenario = { kind: "chat-stream", clients: 1 };

function measurement(scenario: PeerScenario, throughput: number, overrides: Partial<PeerMeasurement> = {}): PeerMeasurement {
  const latency = { count: 100, mean: 1, p50: 1, p90: 2, p99: 3, max: 4 };
  return {
    ...scenario, requests: 1_000, errors: 0, warmupErrors: 0, errorSamples: [], throughput, latency,
    ...(scenario.kind === "chat-stream" ? { firstByte: { ...latency, p50: 1_000 / throughput, p99: 4_000 / throughput } } : {}),
    peakRssMiB: 100, cpuMicrosPerRequest: { main: 500 }, machineBusyPercent: 90, ...overrides,
  };
}

function target(name: string, role: PeerRole, throughputs: [number, number, number], overrides: Partial<PeerTargetResult> = {}): PeerTargetResult {
  const [at32, at1, stream] = throughputs;
  return { name, role, version: "1", description: "-", measurements: [measurement(CHAT_32, at32), measurement(CHAT_1, at1), measurement(STREAM_1, stream)], rssAfterLoadMiB: 200, ...overrides };
}

const llmServe = target("LLM Serve", "llm-serve", [1_000, 500, 400]);
const portkey = target("Portkey", "peer", [1_400, 1_000, 40]);
const direct = target("mock directly", "direct", [30_000, 8_000, 2_000]);

function withErrors(base: PeerTargetResult, scenario: PeerScenario, errors: Partial<PeerMeasurement>): PeerTargetResult {
  return { ...base, measurements: base.measurements.map((each) => (each.kind === scenario.kind && each.clients === scenario.clients ? { ...each, errorSamples: ["HTTP 500: boom"], ...errors } : each)) };
}

describe("a peer's figures as ratios to LLM Serve's", () => {
  it("divides the peer's figure by LLM Serve's from the same run", () => {
    expect(ratioToLlmServe(portkey, llmServe, CHAT_32, "throughput")).toEqual({ value: 1.4 });
    expect(ratioToLlmServe(portkey, llmServe, CHAT_1, "throughput")).toEqual({ value: 2 });
    expect(ratioToLlmServe(portkey, llmServe, STREAM_1, "firstByteP50")).toEqual({ value: 10 });
    expect(differenceOf(llmServe, direct, STREAM_1, "firstByteP50")).toEqual({ value: 2 });
  });

  it("refuses a ratio when the peer had a single error, measured or in the warm-up, and says why", () => {
    const measured = ratioToLlmServe(withErrors(portkey, CHAT_32, { errors: 1 }), llmServe, CHAT_32, "throughput");
    expect(measured).toEqual({ refused: expect.stringContaining("Portkey answered 1 error(s) (0 in the warm-up), e.g. HTTP 500: boom") });
    const warmUp = ratioToLlmServe(withErrors(portkey, CHAT_32, { warmupErrors: 2 }), llmServe, CHAT_32, "throughput");
    expect(warmUp).toEqual({ refused: expect.stringContaining("2 error(s) (2 in the warm-up)") });
    // The other scenarios of the same peer are unaffected.
    expect(ratioToLlmServe(withErrors(portkey, CHAT_32, { errors: 1 }), llmServe, CHAT_1, "throughput")).toEqual({ value: 2 });
  });

  it("refuses when LLM Serve itself had errors, a peer did not run, or a probe failed", () => {
    expect(ratioToLlmServe(portkey, withErrors(llmServe, CHAT_1, { errors: 3 }), CHAT_1, "throughput")).toEqual({ refused: expect.stringContaining("LLM Serve answered 3 error(s)") });
    expect(ratioToLlmServe({ ...portkey, problem: "npm install failed" }, llmServe, CHAT_1, "throughput")).toEqual({ refused: "Portkey did not run: npm install failed" });
    const probeFailed = withErrors(portkey, CHAT_1, { problem: "HTTP 500: boom", requests: 0, errorSamples: [] });
    expect(ratioToLlmServe(probeFailed, llmServe, CHAT_1, "throughput")).toEqual({ refused: "Portkey failed its probe, no load sent: HTTP 500: boom" });
    expect(ratioToLlmServe({ ...portkey, measurements: [] }, llmServe, CHAT_1, "throughput")).toEqual({ refused: "Portkey was not measured at 1 client(s)" });
  });

  it("checks the issue's targets: LLM Serve ÷ Portkey and the stream's added TTFB; none from a run with errors", () => {
    expect(checkPeerTargets([direct, llmServe, portkey]).map((check) => [check.figure, check.met])).toEqual([
      ["0.71×", false],
      ["0.5×", false],
      ["2 ms", false],
      ["8 ms", false],
    ]);
    const [atScale] = checkPeerTargets([direct, llmServe, withErrors(portkey, CHAT_32, { errors: 1 })]);
    expect(atScale?.met).toBeNull();
    expect(atScale?.figure).toContain("no figure: Portkey answered 1 error(s)");
  });
});

describe("the peers table", () => {
  const report = (targets: PeerTargetResult[]): PeerReport => ({
    startedAt: "2026-12-03T16:00:00.000Z", finishedAt: "2026-12-03T16:05:00.000Z",
    commit: { sha: "0123456789abcdef", subject: "s", dirty: false },
    machine: { cpu: "cpu", cores: 2, memoryGiB: 24, kernel: "k", node: "v24", loadAverage: 3, idleBeforeRunPercent: 40 },
    settings: { warmupMs: 2_000, durationMs: 8_000 }, targets,
  });

  it("prints each peer's figure with its ratio to LLM Serve", () => {
    const table = renderPeers(report([direct, llmServe, portkey]));
    expect(table).toContain("| Portkey | 1,400 (1.4×) | 1,000 (2×) | 25 / 100 (10×) | 200 MiB |");
    expect(table).toContain("warm-up included: 0.");
  });

  it("prints no ratio from a run with errors, and the reason in a note", () => {
    const table = renderPeers(report([direct, llmServe, withErrors(portkey, CHAT_32, { errors: 4 })]));
    expect(table).toContain("| Portkey | 1,400 (no ratio, note 1) | 1,000 (2×) |");
    expect(table).toContain("1. Portkey answered 4 error(s) (0 in the warm-up), e.g. HTTP 500: boom: a run with errors gives no ratio");
    expect(table).not.toContain("1.4×");
    expect(table).toContain("Errors: Portkey chat c=32: 4 + 0 in the warm-up.");
  });
});
