import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface ServiceProcess {
  pid: number;
  /** SIGKILL: no shutdown hook runs, so the instance never deregisters from Nacos. */
  kill(): Promise<void>;
}

/**
 * A platform service as its own OS process (its built `dist/main.js`), on the same infrastructure
 * and isolation as the test's platform: what a crash can really take away, unlike a clean stop.
 */
export function startServiceProcess(service: string, env: Record<string, string>): ServiceProcess {
  const main = fileURLToPath(new URL(`../../${service}/dist/main.js`, import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [main], { env: { ...process.env, ...env, LOG_LEVEL: "error" }, stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    pid: child.pid!,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
