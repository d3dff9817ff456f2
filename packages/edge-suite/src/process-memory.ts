import { readFileSync } from "node:fs";

/** The resident set size of a process (Linux `/proc/<pid>/status`, `VmRSS`), in bytes. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

export const MIB = 1024 * 1024;
