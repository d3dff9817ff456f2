import { runLoad } from "../load/run-load.js";
import { CpuMeter } from "../measure/cpu-usage.js";
import { PeakRssProbe, residentMiB } from "../measure/process-memory.js";
import type { PeerMeasurement, PeerScenario } from "../report/peer-results.js";
import { KIND_TITLES, probe, scenarioRequest, type Endpoint } from "../scenarios.js";

export interface MeasuredTarget {
  endpoint: Endpoint;
  /** The process whose memory is reported (LLM Serve: the gateway; a peer: its process tree). */
  pid: number;
  /** Every process whose CPU is counted, by name (LLM Serve: all seven services). */
  cpuProcesses: Record<string, number>;
  /** The mock's reply text, which must come back through the target (undefined: not checked). */
  expectedText: string | undefined;
}

export interface MeasureSettings {
  scenarios: readonly PeerScenario[];
  warmupMs: number;
  durationMs: number;
  /**
   * Load (non-streaming chat, the largest concurrency) sent to each target before its first
   * scenario, so that none is measured while it is still warming up (JIT, pools, a platform's
   * consumers joining their groups). Its errors count as warm-up errors of the first scenario.
   */
  settleMs?: number;
}

/**
 * The same scenarios against one target: a probe first (a target that answers with errors or
 * without the mock's text gets no load), then warm-up and measured window, errors of both
 * counted. Ends with the target's RSS right after its load.
 */
export async function measureTarget(name: string, target: MeasuredTarget, settings: MeasureSettings, log: (message: string) => void): Promise<{ measurements: PeerMeasurement[]; rssAfterLoadMiB: number }> {
  const measurements: PeerMeasurement[] = [];
  let settleErrors = await settle(name, target, settings, log);
  for (const scenario of settings.scenarios) {
    const request = scenarioRequest(scenario.kind, target.endpoint);
    const checked = await probe(scenario.kind, request, target.expectedText).catch((error: unknown) => ({ ok: false, problem: String(error) }));
    if (!checked.ok) {
      log(`${name} · ${KIND_TITLES[scenario.kind]} · ${scenario.clients}: probe failed, no load sent: ${checked.problem}`);
      measurements.push(unmeasured(scenario, checked.problem ?? "probe failed"));
      continue;
    }
    const rss = new PeakRssProbe(target.pid);
    const cpu = new CpuMeter(target.cpuProcesses);
    rss.start();
    let meterStarted = false;
    const load = runLoad(request, { connections: scenario.clients, warmupMs: settings.warmupMs, durationMs: settings.durationMs });
    setTimeout(() => {
      cpu.start();
      meterStarted = true;
    }, settings.warmupMs).unref();
    const result = await load;
    const usage = meterStarted ? cpu.stop() : { processMs: {}, machineBusyPercent: 0 };
    const cpuMicrosPerRequest = Object.fromEntries(Object.entries(usage.processMs).map(([process, milliseconds]) => [process, result.requests > 0 ? Math.round((milliseconds * 1_000) / result.requests) : 0]));
    const measurement: PeerMeasurement = {
      ...scenario,
      requests: result.requests,
      errors: result.errors,
      warmupErrors: result.warmupErrors + settleErrors,
      errorSamples: result.errorSamples,
      throughput: result.throughput,
      latency: result.total,
      ...(result.firstByte ? { firstByte: result.firstByte } : {}),
      peakRssMiB: rss.stop(),
      cpuMicrosPerRequest,
      machineBusyPercent: usage.machineBusyPercent,
    };
    settleErrors = 0;
    measurements.push(measurement);
    const firstByte = measurement.firstByte ? `, first byte p50 ${measurement.firstByte.p50} / p99 ${measurement.firstByte.p99} ms` : "";
    const errors = measurement.errors + measurement.warmupErrors > 0 ? `, ${measurement.errors} errors + ${measurement.warmupErrors} in the warm-up (${measurement.errorSamples[0]})` : "";
    log(`${name.padEnd(13)} · ${KIND_TITLES[scenario.kind].padEnd(20)} · ${String(scenario.clients).padStart(2)} clients: ${measurement.throughput} req/s, p50 ${measurement.latency.p50} ms${firstByte}, machine ${measurement.machineBusyPercent}% busy${errors}`);
  }
  return { measurements, rssAfterLoadMiB: residentMiB(target.pid) };
}

/** The settling load of `MeasureSettings.settleMs`; returns its errors (none sent when the probe fails). */
async function settle(name: string, target: MeasuredTarget, settings: MeasureSettings, log: (message: string) => void): Promise<number> {
  const settleMs = settings.settleMs ?? 0;
  if (settleMs <= 0) return 0;
  const request = scenarioRequest("chat", target.endpoint);
  const checked = await probe("chat", request, target.expectedText).catch(() => ({ ok: false }));
  if (!checked.ok) return 0;
  const clients = Math.max(...settings.scenarios.map((scenario) => scenario.clients));
  const result = await runLoad(request, { connections: clients, warmupMs: settleMs, durationMs: 1_000 });
  log(`${name.padEnd(13)} · settling load: ${Math.round((settleMs + 1_000) / 1_000)} s at ${clients} clients, ${result.errors + result.warmupErrors} errors`);
  return result.errors + result.warmupErrors;
}

function unmeasured(scenario: PeerScenario, problem: string): PeerMeasurement {
  const none = { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  return { ...scenario, requests: 0, errors: 0, warmupErrors: 0, errorSamples: [], problem, throughput: 0, latency: none, peakRssMiB: 0, cpuMicrosPerRequest: {}, machineBusyPercent: 0 };
}
