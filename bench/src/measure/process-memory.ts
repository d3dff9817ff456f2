import { readFileSync, writeFileSync } from "node:fs";

const MIB = 1024 * 1024;

/** Resident set size of a process, in MiB (Linux /proc). */
export function residentMiB(pid: number): number {
  return statusField(pid, "VmRSS");
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

  /** Peak RSS in MiB since start(). */
  stop(): number {
    if (this.#timer) clearInterval(this.#timer);
    const sampled = Math.max(this.#max, safeResident(this.pid));
    const highWater = this.#highWaterReset ? statusField(this.pid, "VmHWM") : 0;
    return round(Math.max(sampled, highWater));
  }
}

function resetHighWater(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
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
