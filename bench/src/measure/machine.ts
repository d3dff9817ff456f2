import { execFileSync } from "node:child_process";
import os from "node:os";
import { machineCpuTicks } from "./cpu-usage.js";

export interface MachineDescription {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  /** 1-minute load average when the run started. */
  loadAverage: number;
  /** Share of CPU time that was idle during one second before the run: how busy the machine was. */
  idleBeforeRunPercent: number;
}

export interface CommitDescription {
  sha: string;
  subject: string;
  /** True when the work tree had changes (other people's edits included). */
  dirty: boolean;
}

export async function describeMachine(): Promise<MachineDescription> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    idleBeforeRunPercent: await idlePercent(1_000),
  };
}

export function describeCommit(repoRoot: string): CommitDescription {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
  try {
    return { sha: git("rev-parse", "HEAD"), subject: git("log", "-1", "--format=%s"), dirty: git("status", "--porcelain", "--untracked-files=no") !== "" };
  } catch {
    return { sha: "unknown", subject: "", dirty: false };
  }
}

/** Idle share of all CPUs over `milliseconds`, from /proc/stat. */
export async function idlePercent(milliseconds: number): Promise<number> {
  const before = machineCpuTicks();
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
  const after = machineCpuTicks();
  const total = after.total - before.total;
  return total <= 0 ? 100 : Math.round((1 - (after.busy - before.busy) / total) * 1_000) / 10;
}
