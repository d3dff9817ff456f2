/** The parts of V8's `.cpuprofile` (what `node --cpu-prof` writes) that a summary needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds between consecutive samples. */
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** Where it lives: `package path:line`, or empty for V8's own entries. */
  location: string;
  selfMs: number;
  /** Share of the busy (non-idle) time. */
  selfPercent: number;
}

export interface ProfileSummary {
  wallMs: number;
  busyMs: number;
  topFunctions: SelfTime[];
  /** Self time summed per npm package, workspace package or Node core module. */
  byPackage: SelfTime[];
}

/** Top self-time functions and packages of a CPU profile, idle time left out. */
export function summarizeCpuProfile(profile: CpuProfile, limit = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  for (let index = 0; index < profile.samples.length; index += 1) {
    // timeDeltas[i + 1] is the time until the next sample: the time this sample stands for.
    const delta = profile.timeDeltas[index + 1] ?? 0;
    const id = profile.samples[index] ?? 0;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
  }
  const functions = new Map<string, { name: string; location: string; micros: number }>();
  const packages = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)") continue;
    busy += micros;
    const owner = packageOf(frame.url, frame.functionName);
    const location = frame.url ? `${owner} ${shortPath(frame.url)}:${frame.lineNumber + 1}` : "";
    const name = frame.functionName || "(anonymous)";
    const key = `${name}@${location}`;
    const entry = functions.get(key) ?? { name, location, micros: 0 };
    entry.micros += micros;
    functions.set(key, entry);
    packages.set(owner, (packages.get(owner) ?? 0) + micros);
  }
  const share = (micros: number) => (busy > 0 ? Math.round((micros / busy) * 1_000) / 10 : 0);
  const toMs = (micros: number) => Math.round(micros / 100) / 10;
  return {
    wallMs: toMs(profile.endTime - profile.startTime),
    busyMs: toMs(busy),
    topFunctions: [...functions.values()]
      .sort((first, second) => second.micros - first.micros)
      .slice(0, limit)
      .map((entry) => ({ name: entry.name, location: entry.location, selfMs: toMs(entry.micros), selfPercent: share(entry.micros) })),
    byPackage: [...packages.entries()]
      .sort((first, second) => second[1] - first[1])
      .slice(0, limit)
      .map(([name, micros]) => ({ name, location: "", selfMs: toMs(micros), selfPercent: share(micros) })),
  };
}

/** `express`, `@grpc/grpc-js`, `@llm-serve/adapters`, `services/gateway`, `node:internal/streams`, `(garbage collector)`. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const path = url.replace(/^file:\/\//, "");
  const dependency = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (dependency?.[1]) return dependency[1];
  const workspace = /\/(packages|services|bench)\/([^/]+)\//.exec(path);
  if (workspace?.[1] === "packages") return `@llm-serve/${workspace[2]}`;
  if (workspace?.[1] === "services") return `services/${workspace[2]}`;
  if (workspace?.[1] === "bench") return "bench";
  if (path.startsWith("node:")) {
    const parts = path.slice(5).split("/");
    return `node:${parts[0] === "internal" && parts.length > 2 ? `internal/${parts[1]}` : (parts[0] ?? "")}`;
  }
  return path;
}

function shortPath(url: string): string {
  const path = url.replace(/^file:\/\//, "");
  const inModules = path.lastIndexOf("/node_modules/");
  if (inModules >= 0) return path.slice(inModules + "/node_modules/".length).replace(/^(@[^/]+\/)?[^/]+\//, "");
  const workspace = /\/(?:packages|services|bench)\/[^/]+\/(.*)$/.exec(path);
  return workspace?.[1] ?? path.replace(/^node:/, "");
}
