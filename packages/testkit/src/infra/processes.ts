import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { REPO_ROOT } from "./environment.js";

export interface ServiceProcess {
  child: ChildProcess;
  /** Parsed once the service logged "service ready". */
  address: string;
  output(): string;
  /** Sends the signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs a built service (`services/<name>/dist/main.js`) as its own process, as production does,
 * and resolves when it reports ready.
 */
export async function spawnService(name: string, env: Record<string, string>, timeoutMs = 30_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [resolve(REPO_ROOT, "services", name, "dist/main.js")], {
    env: { PATH: process.env.PATH ?? "", ...env, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  const address = await new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      // A process that never became ready is nobody's to stop: kill it here, or it outlives the test run.
      child.kill("SIGKILL");
      reject(new Error(`${name} did not become ready in ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /"address":"([^"]+)"[^\n]*"msg":"service ready"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveReady(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${output.slice(-2000)}`));
    });
  });
  return {
    child,
    address,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
