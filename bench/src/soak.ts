import { runLoad, type LoadRequest } from "./load/run-load.js";
import { PeakRssProbe, residentMiB } from "./measure/process-memory.js";
import type { SoakResult } from "./report/results.js";

export interface SoakOptions {
  requests: number;
  /** The platform's other services (name → pid), whose footprint is taken before and after the soak. */
  services?: Record<string, number>;
  clients: number;
  warmupMs: number;
  /** Prints progress now and then. */
  log: (message: string) => void;
}

/** Sends `requests` measured requests and follows the gateway's RSS along the way. */
export async function runSoak(request: LoadRequest, gatewayPid: number, options: SoakOptions): Promise<SoakResult> {
  const idle = residentMiB(gatewayPid);
  const services = Object.entries(options.services ?? {});
  const before = new Map(services.map(([name, pid]) => [name, safeResident(pid)]));
  const peak = new PeakRssProbe(gatewayPid, 1_000);
  const samples: [number, number][] = [];
  let lastLogged = Date.now();
  const load = await runLoad(request, {
    connections: options.clients,
    warmupMs: options.warmupMs,
    requests: options.requests,
    onProgress: (completed) => {
      if (completed > 0 && samples.length === 0) peak.start();
      const rss = safeResident(gatewayPid);
      if (completed === 0 || rss === undefined) return;
      samples.push([completed, rss]);
      if (Date.now() - lastLogged >= 30_000) {
        lastLogged = Date.now();
        options.log(`soak: ${completed.toLocaleString("en-US")} / ${options.requests.toLocaleString("en-US")} requests, gateway RSS ${samples.at(-1)?.[1]} MiB`);
      }
    },
  });
  const gatewayPeakMiB = samples.length > 0 ? peak.stop() : idle;
  const footprint = [
    { service: "gateway", beforeMiB: idle, afterMiB: safeResident(gatewayPid) ?? 0, peakMiB: gatewayPeakMiB },
    ...services.map(([name, pid]) => ({ service: name, beforeMiB: before.get(name) ?? 0, afterMiB: safeResident(pid) ?? 0 })),
  ];
  const rss = samples.map(([, value]) => value);
  const start = rss[0] ?? idle;
  const middle = samples.find(([completed]) => completed >= options.requests / 2)?.[1] ?? start;
  const end = rss.at(-1) ?? start;
  const deviation = (value: number) => Math.round((Math.abs(value - start) / start) * 1_000) / 10;
  return {
    requests: load.requests,
    clients: options.clients,
    durationMs: load.durationMs,
    throughput: load.throughput,
    errors: load.errors,
    latency: load.total,
    rssMiB: { idle, start, middle, end, min: Math.min(...rss, start), max: Math.max(...rss, start) },
    driftPercent: Math.round(((end - start) / start) * 1_000) / 10,
    maxDeviationPercent: Math.max(0, ...rss.map(deviation)),
    samples: thin(samples, 200),
    footprint,
  };
}

/** The gateway's RSS, or undefined once it has gone (the run is being stopped). */
function safeResident(pid: number): number | undefined {
  try {
    return residentMiB(pid);
  } catch {
    return undefined;
  }
}

/** At most `count` evenly spread samples (the last one kept) for the JSON. */
function thin(samples: [number, number][], count: number): [number, number][] {
  if (samples.length <= count) return samples;
  const step = samples.length / count;
  const kept = Array.from({ length: count - 1 }, (_, index) => samples[Math.floor(index * step)] as [number, number]);
  kept.push(samples[samples.length - 1] as [number, number]);
  return kept;
}
