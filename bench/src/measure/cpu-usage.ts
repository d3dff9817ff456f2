import { readFileSync } from "node:fs";
import { processTree } from "./process-tree.js";

/** Clock ticks per second of /proc times (USER_HZ): 100 on every Linux we run on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process has used so far, in milliseconds; with `descendants`, its live
 * descendants' too (the gateway's cluster workers). The runner's own process is always counted
 * alone: every process it starts is its descendant.
 */
export function processCpuMs(pid: number, descendants = pid !== process.pid): number {
  if (!descendants) return ownCpuMs(pid);
  let total = 0;
  for (const member of processTree(pid)) {
    try {
      total += ownCpuMs(member);
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

function ownCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may contain spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return ((userTicks + systemTicks) * 1_000) / TICKS_PER_SECOND;
}

/** Busy and idle time of the whole machine (all CPUs), in /proc/stat ticks. */
export function machineCpuTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * What a stretch of load cost: CPU milliseconds of each watched process, and the share of the
 * machine that everything else (other people's builds and tests, the infrastructure) used.
 */
export class CpuMeter {
  #processStart = new Map<string, number>();
  #machineStart = machineCpuTicks();

  constructor(private readonly processes: Record<string, number>) {}

  start(): void {
    this.#machineStart = machineCpuTicks();
    for (const [name, pid] of Object.entries(this.processes)) this.#processStart.set(name, safeCpu(pid));
  }

  /** CPU milliseconds per watched process since start(), and the machine's busy share (percent of all cores). */
  stop(): { processMs: Record<string, number>; machineBusyPercent: number } {
    const machine = machineCpuTicks();
    const processMs: Record<string, number> = {};
    for (const [name, pid] of Object.entries(this.processes)) processMs[name] = Math.round(safeCpu(pid) - (this.#processStart.get(name) ?? 0));
    const total = machine.total - this.#machineStart.total;
    const busy = machine.busy - this.#machineStart.busy;
    return { processMs, machineBusyPercent: total > 0 ? Math.round((busy / total) * 1_000) / 10 : 0 };
  }
}

function safeCpu(pid: number): number {
  try {
    return processCpuMs(pid);
  } catch {
    return 0;
  }
}
