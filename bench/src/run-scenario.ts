import { runLoad, type LoadRequest } from "./load/run-load.js";
import { CpuMeter } from "./measure/cpu-usage.js";
import { infraProcesses } from "./measure/infra-processes.js";
import { PeakRssProbe } from "./measure/process-memory.js";
import type { ScenarioResult } from "./report/results.js";
import type { ScenarioKind, Target } from "./scenarios.js";
import type { MockUpstreamProcess } from "./upstream/start-mock-upstream.js";

export interface ScenarioSetting {
  kind: ScenarioKind;
  target: Target;
  clients: number;
  warmupMs: number;
  durationMs: number;
}

export interface Processes {
  upstream: MockUpstreamProcess;
  /** The gateway: one process, or a cluster primary whose workers are counted with it. */
  gatewayPid: number;
  /** The platform's other services (auth-key, model-registry, quota), watched for CPU. */
  backends: Record<string, number>;
}

/** Runs one scenario and measures, besides latency and throughput, memory and CPU of the processes on the path. */
export async function runScenario(setting: ScenarioSetting, request: LoadRequest, processes: Processes): Promise<ScenarioResult> {
  const underTest = setting.target === "direct" ? processes.upstream.pid : processes.gatewayPid;
  const watched: Record<string, number> = setting.target === "direct" ? { upstream: processes.upstream.pid } : { gateway: processes.gatewayPid, upstream: processes.upstream.pid };
  const rss = new PeakRssProbe(underTest);
  const upstreamRss = setting.target === "gateway" ? new PeakRssProbe(processes.upstream.pid) : undefined;
  // For the full path, everything it touches: the other services and the infrastructure (shared with the machine's other users).
  const others = setting.target === "gateway" ? { ...processes.backends, ...infraProcesses() } : {};
  const cpu = new CpuMeter({ ...watched, ...others, "load generator": process.pid });
  const connectionsBefore = (await processes.upstream.connections()).opened;

  rss.start();
  upstreamRss?.start();
  let meterStarted = false;
  const load = runLoad(request, { connections: setting.clients, warmupMs: setting.warmupMs, durationMs: setting.durationMs });
  // CPU is counted over the measured window only (the warm-up is for JIT and pools).
  setTimeout(() => {
    cpu.start();
    meterStarted = true;
  }, setting.warmupMs).unref();
  const result = await load;
  const usage = meterStarted ? cpu.stop() : { processMs: {}, machineBusyPercent: 0 };
  const connectionsAfter = (await processes.upstream.connections()).opened;

  const cpuMicrosPerRequest: Record<string, number> = {};
  for (const [name, milliseconds] of Object.entries(usage.processMs)) cpuMicrosPerRequest[name] = result.requests > 0 ? Math.round((milliseconds * 1_000) / result.requests) : 0;
  return {
    kind: setting.kind,
    target: setting.target,
    clients: setting.clients,
    requests: result.requests,
    errors: result.errors,
    errorSamples: result.errorSamples,
    durationMs: result.durationMs,
    throughput: result.throughput,
    latency: result.total,
    ...(result.firstByte ? { firstByte: result.firstByte } : {}),
    peakRssMiB: rss.stop(),
    ...(upstreamRss ? { upstreamPeakRssMiB: upstreamRss.stop() } : {}),
    cpuMicrosPerRequest,
    machineBusyPercent: usage.machineBusyPercent,
    upstreamConnectionsOpened: connectionsAfter - connectionsBefore,
  };
}
