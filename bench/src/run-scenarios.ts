import { runScenario, type Processes } from "./run-scenario.js";
import { runLoad } from "./load/run-load.js";
import type { BenchOptions } from "./options.js";
import type { ScenarioResult } from "./report/results.js";
import { KIND_TITLES, probe, scenarioRequest, type Endpoint, type Target } from "./scenarios.js";

export interface Targets {
  direct: Endpoint;
  gateway: Endpoint;
  /** The reply text each target must answer with (undefined: not checked). */
  expectedText: Record<Target, string | undefined>;
}

export interface ScenarioRun {
  results: ScenarioResult[];
  /** `x-ratelimit-*` header names seen on the gateway's answers. */
  quotaHeaders: string[];
}

/**
 * Every kind × concurrency, direct then gateway back to back (so that a change in the machine's
 * background load hits both alike). A target that fails its probe is recorded with the problem and
 * no load is sent to it.
 */
export async function runScenarios(options: BenchOptions, targets: Targets, processes: () => Processes, log: (message: string) => void): Promise<ScenarioRun> {
  const results: ScenarioResult[] = [];
  const quotaHeaders = new Set<string>();
  let settleErrors = await settle(options, targets, log);
  for (const kind of options.kinds) {
    for (const clients of options.clients) {
      for (const target of ["direct", "gateway"] as const) {
        const request = scenarioRequest(kind, targets[target]);
        const checked = await probe(kind, request, kind === "embeddings" ? undefined : targets.expectedText[target]);
        if (target === "gateway") for (const name of Object.keys(checked.headers)) if (name.startsWith("x-ratelimit-")) quotaHeaders.add(name);
        if (!checked.ok) {
          log(`${target} · ${KIND_TITLES[kind]} · ${clients}: probe failed, no load sent: ${checked.problem}`);
          results.push(failedScenario(kind, target, clients, checked.problem ?? "probe failed"));
          continue;
        }
        const measured = await runScenario({ kind, target, clients, warmupMs: options.warmupMs, durationMs: options.durationMs }, request, processes());
        // The settling load's errors count as the first gateway scenario's: no run hides one.
        const result = target === "gateway" && settleErrors > 0 ? { ...measured, errors: measured.errors + settleErrors, errorSamples: [`${settleErrors} during the settling load`, ...measured.errorSamples] } : measured;
        if (target === "gateway") settleErrors = 0;
        results.push(result);
        const firstByte = result.firstByte ? `, first byte p50 ${result.firstByte.p50} ms` : "";
        const errors = result.errors > 0 ? `, ${result.errors} errors (${result.errorSamples[0]})` : "";
        log(`${target.padEnd(7)} · ${KIND_TITLES[kind].padEnd(20)} · ${String(clients).padStart(2)} clients: ${result.throughput} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${firstByte}, peak RSS ${result.peakRssMiB} MiB${errors}`);
      }
    }
  }
  return { results, quotaHeaders: [...quotaHeaders].sort() };
}

/**
 * `options.settleMs` of non-streaming chat through the gateway at the largest concurrency, before
 * anything is measured (no load when its probe fails: the first scenario's probe says why).
 */
async function settle(options: BenchOptions, targets: Targets, log: (message: string) => void): Promise<number> {
  if (options.settleMs <= 0) return 0;
  const request = scenarioRequest("chat", targets.gateway);
  const checked = await probe("chat", request, targets.expectedText.gateway).catch(() => ({ ok: false }));
  if (!checked.ok) return 0;
  const clients = Math.max(...options.clients);
  const result = await runLoad(request, { connections: clients, warmupMs: options.settleMs, durationMs: 1_000 });
  const errors = result.errors + result.warmupErrors;
  log(`gateway · settling load: ${Math.round((options.settleMs + 1_000) / 1_000)} s at ${clients} clients, ${errors} errors`);
  return errors;
}

function failedScenario(kind: ScenarioResult["kind"], target: Target, clients: number, problem: string): ScenarioResult {
  const none = { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  return {
    kind,
    target,
    clients,
    requests: 0,
    errors: 1,
    errorSamples: [problem],
    durationMs: 0,
    throughput: 0,
    latency: none,
    peakRssMiB: 0,
    cpuMicrosPerRequest: {},
    machineBusyPercent: 0,
    upstreamConnectionsOpened: 0,
  };
}
