/** The parts of V8's `.cpuprofile` (what `node --cpu-prof` writes) that a summary needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds between consecutive samples. */
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  /** Where it lives: `package path:line`, or empty for V8's own entries and native code. */
  location: string;
  /** Time on top of the stack, and its share of the busy (non-idle) time. */
  selfMs: number;
  selfPercent: number;
  /** Time anywhere on the stack (itself and what it called), and its share. */
  totalMs: number;
  totalPercent: number;
}

export interface ProfileSummary {
  wallMs: number;
  busyMs: number;
  /** By self time. */
  topFunctions: FunctionTime[];
  /** The project's own functions (workspace packages and services) by total time: where the request path spends. */
  topOwnFunctions: FunctionTime[];
  /** Per npm package, workspace package or Node core module; total = time with any of its frames on the stack. */
  byPackage: FunctionTime[];
}

/** A stretch of the profiled process's life, in the monotonic clock's microseconds (`process.hrtime`). */
export interface ProfileWindow {
  fromMicros: number;
  toMicros: number;
}

interface Frame {
  key: string;
  name: string;
  location: string;
  owner: string;
  parent: number | undefined;
  idle: boolean;
}

/**
 * Self and total time per function and package, idle time left out; only the samples inside
 * `window` when one is given (the load, without start-up and warm-up). V8 stamps samples with the
 * same monotonic clock as `process.hrtime`, so another process can name the window.
 */
export function summarizeCpuProfile(profile: CpuProfile, limit = 20, window?: ProfileWindow): ProfileSummary {
  const frames = framesOf(profile);
  const sampled = sampledMicros(profile, window);
  const functions = new Map<string, { name: string; location: string; self: number; total: number }>();
  const packages = new Map<string, { self: number; total: number }>();
  let busy = 0;
  for (const [id, micros] of sampled) {
    const top = frames.get(id);
    if (!top || top.idle) continue;
    busy += micros;
    const seenFunctions = new Set<string>();
    const seenPackages = new Set<string>();
    for (let frame: Frame | undefined = top; frame; frame = frame.parent === undefined ? undefined : frames.get(frame.parent)) {
      if (frame.name === "(root)") break;
      const entry = functions.get(frame.key) ?? { name: frame.name, location: frame.location, self: 0, total: 0 };
      functions.set(frame.key, entry);
      const owner = packages.get(frame.owner) ?? { self: 0, total: 0 };
      packages.set(frame.owner, owner);
      if (frame === top) {
        entry.self += micros;
        owner.self += micros;
      }
      if (!seenFunctions.has(frame.key)) entry.total += micros;
      if (!seenPackages.has(frame.owner)) owner.total += micros;
      seenFunctions.add(frame.key);
      seenPackages.add(frame.owner);
    }
  }
  const toMs = (micros: number) => Math.round(micros / 100) / 10;
  const share = (micros: number) => (busy > 0 ? Math.round((micros / busy) * 1_000) / 10 : 0);
  const view = (name: string, location: string, times: { self: number; total: number }): FunctionTime => ({
    name,
    location,
    selfMs: toMs(times.self),
    selfPercent: share(times.self),
    totalMs: toMs(times.total),
    totalPercent: share(times.total),
  });
  const all = [...functions.values()];
  const own = all.filter((entry) => /^(@llm-serve\/|services\/)/.test(entry.location));
  return {
    wallMs: toMs(window ? Math.min(window.toMicros, profile.endTime) - Math.max(window.fromMicros, profile.startTime) : profile.endTime - profile.startTime),
    busyMs: toMs(busy),
    topFunctions: all.sort((first, second) => second.self - first.self).slice(0, limit).map((entry) => view(entry.name, entry.location, entry)),
    topOwnFunctions: own.sort((first, second) => second.total - first.total).slice(0, limit).map((entry) => view(entry.name, entry.location, entry)),
    byPackage: [...packages.entries()]
      .sort((first, second) => second[1].self - first[1].self)
      .slice(0, limit)
      .map(([name, times]) => view(name, "", times)),
  };
}

function framesOf(profile: CpuProfile): Map<number, Frame> {
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const frames = new Map<number, Frame>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const owner = packageOf(url, functionName);
    const location = !url ? "" : url.startsWith("node:") ? `${url}:${lineNumber + 1}` : `${owner} ${shortPath(url)}:${lineNumber + 1}`;
    const name = functionName || "(anonymous)";
    frames.set(node.id, { key: `${name}@${location}`, name, location, owner, parent: parents.get(node.id), idle: functionName === "(idle)" });
  }
  return frames;
}

/** Microseconds each node was on top of the stack, within the window. */
function sampledMicros(profile: CpuProfile, window: ProfileWindow | undefined): Map<number, number> {
  const micros = new Map<number, number>();
  let timestamp = profile.startTime;
  for (let index = 0; index < profile.samples.length; index += 1) {
    timestamp += profile.timeDeltas[index] ?? 0;
    if (window && (timestamp < window.fromMicros || timestamp > window.toMicros)) continue;
    // timeDeltas[i + 1] is the time until the next sample: the time this sample stands for.
    const delta = profile.timeDeltas[index + 1] ?? 0;
    const id = profile.samples[index] ?? 0;
    micros.set(id, (micros.get(id) ?? 0) + delta);
  }
  return micros;
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
    return `node:${parts[0] === "internal" && parts.length >= 2 ? `internal/${parts[1]}` : (parts[0] ?? "")}`;
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
