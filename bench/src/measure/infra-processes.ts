import { readdirSync, readFileSync } from "node:fs";

/** The infrastructure's processes on this machine, by what they are (Postgres counted with its backends). */
export function infraProcesses(): Record<string, number> {
  const found: Record<string, number> = {};
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const name = infraName(pid);
    if (name && found[name] === undefined) found[name] = pid;
  }
  return found;
}

function infraName(pid: number): string | undefined {
  let comm: string;
  let parent: number;
  try {
    comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
  // Postgres: the postmaster, whose descendants are the backends; not one of those backends.
  if (comm === "postgres") return readComm(parent) === "postgres" ? undefined : "postgres";
  if (comm === "redis-server") return "redis";
  if (comm === "rnacos") return "nacos";
  if (comm === "java") return readCmdline(pid).includes("kafka") ? "kafka" : undefined;
  return undefined;
}

function readComm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}
