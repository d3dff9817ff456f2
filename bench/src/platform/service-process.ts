import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { REPO_ROOT } from "@llm-serve/testkit";

export interface ServiceProcess {
  name: string;
  pid: number;
  logFile: string;
  /** SIGTERM (the service drains and exits), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

export interface SpawnOptions {
  env: Record<string, string>;
  logFile: string;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Working directory (where `--cpu-prof` writes by default). */
  cwd?: string;
  timeoutMs?: number;
  /** Ready when this answers 200 (the gateway's /readyz), instead of the "service ready" log line that LOG_LEVEL=warn hides. */
  readyUrl?: string;
}

/**
 * Runs a built service as its own process, as a user would (`node services/<name>/dist/main.js`),
 * its output going to a file rather than through a pipe into the runner's event loop. Resolves when
 * it logs "service ready".
 */
/** A service's start-up, generous: at a load average of 20 on two cores auth-key took over a minute. */
const SERVICE_READY_TIMEOUT_MS = 180_000;

export async function spawnServiceProcess(name: string, options: SpawnOptions): Promise<ServiceProcess> {
  const log = openSync(options.logFile, "a");
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), resolve(REPO_ROOT, "services", name, "dist/main.js")], {
    env: { PATH: process.env.PATH ?? "", ...options.env },
    cwd: options.cwd ?? REPO_ROOT,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const timeoutMs = options.timeoutMs ?? SERVICE_READY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const isReady = options.readyUrl === undefined ? async () => /"msg":"service ready"/.test(readFileSync(options.logFile, "utf8")) : () => answers(options.readyUrl as string);
  while (!(await isReady())) {
    if (exitCode !== undefined) throw new Error(`${name} exited with ${exitCode} before it was ready; see ${options.logFile}:\n${tail(options.logFile)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} was not ready within ${timeoutMs} ms; see ${options.logFile}:\n${tail(options.logFile)}`);
    }
    await new Promise((resolveTimer) => setTimeout(resolveTimer, 100));
  }
  return {
    name,
    pid: child.pid ?? 0,
    logFile: options.logFile,
    async stop(graceMs = 15_000) {
      if (exitCode !== undefined) return exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).status === 200;
  } catch {
    return false;
  }
}

function tail(file: string): string {
  return readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
}
