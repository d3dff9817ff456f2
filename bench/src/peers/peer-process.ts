import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";

export interface PeerProcess {
  pid: number;
  logFile: string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface PeerSpawnOptions {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  logFile: string;
  /** Ready when a GET of this answers 200. */
  readyUrl: string;
  timeoutMs?: number;
}

/**
 * Runs a peer gateway as its own process (its output to a file, never piped into the runner's event
 * loop) and waits until its health URL answers. A peer that exits or never answers fails with the
 * end of its log.
 */
export async function spawnPeerProcess(options: PeerSpawnOptions): Promise<PeerProcess> {
  const log = openSync(options.logFile, "a");
  const child = spawn(options.command, options.args, { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...options.env }, cwd: options.cwd, stdio: ["ignore", log, log] });
  closeSync(log);
  // A runner stopped by a signal exits through process.exit: the peer must not outlive it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolveExit) =>
    child.once("exit", (code) => {
      exitCode = code;
      process.off("exit", killOnExit);
      resolveExit();
    }),
  );
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(options.readyUrl))) {
    if (exitCode !== undefined) throw new Error(`exited with ${exitCode} before it answered ${options.readyUrl}; see ${options.logFile}:\n${tail(options.logFile)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      await exited;
      throw new Error(`did not answer ${options.readyUrl} within ${timeoutMs} ms; see ${options.logFile}:\n${tail(options.logFile)}`);
    }
    await new Promise((resolveTimer) => setTimeout(resolveTimer, 250));
  }
  return {
    pid: child.pid ?? 0,
    logFile: options.logFile,
    async stop(graceMs = 10_000) {
      if (exitCode !== undefined) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

function tail(file: string): string {
  return readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
}
