import { readFileSync, writeFileSync } from "node:fs";
import { processTree } from "./process-tree.js";

const MIB = 1024 * 1024;

/** Resident set size of a process and its descendants (a cluster's primary and workers), in MiB (Linux /proc). */
export function residentMiB(pid: number): number {
  const value = statusField(pid, "VmRSS");
  return round(processTree(pid).slice(1).reduce((sum, member) => sum + (safeField(member, "VmRSS") ?? 0), value));
}

/**
 * Peak RSS of a process over a stretch of time: sampled every `intervalMs`, and, where the kernel
 * lets us reset it (`clear_refs` 5), its own high-water mark (VmHWM), which misses no spike.
 */
export class PeakRssProbe {
  #max = 0;
  #timer: NodeJS.Timeout | undefined;
  #highWaterReset = false;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    this.#highWaterReset = resetHighWater(this.pid);
    this.#max = residentMiB(this.pid);
    this.#timer = setInterval(() => {
      this.#max = Math.max(this.#max, safeResident(this.pid));
    }, this.intervalMs);
    this.#timer.unref();
  }

  /**
   * Peak RSS in MiB since start(). For a process tree the high-water marks are summed: each
   * process's own peak, which may not all have happened at the same moment (an upper bound).
   */
  stop(): number {
    if (this.#timer) clearInterval(this.#timer);
    const sampled = Math.max(this.#max, safeResident(this.pid));
    const highWater = this.#highWaterReset ? processTree(this.pid).reduce((sum, member) => sum + (safeField(member, "VmHWM") ?? 0), 0) : 0;
    return round(Math.max(sampled, highWater));
  }
}

function resetHighWater(pid: number): boolean {
  try {
    for (const member of processTree(pid)) writeFileSync(`/proc/${member}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

function safeField(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    return statusField(pid, field);
  } catch {
    return undefined;
  }
}

function safeResident(pid: number): number {
  try {
    return residentMiB(pid);
  } catch {
    return 0;
  }
}

function statusField(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  if (!match?.[1]) throw new Error(`no ${field} for process ${pid}`);
  return round((Number(match[1]) * 1024) / MIB);
}

function round(mebibytes: number): number {
  return Math.round(mebibytes * 10) / 10;
}
