import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT, freePort } from "@llm-serve/testkit";

const run = promisify(execFile);


/** A real Redis of the test's own (deploy/local/components/redis.sh), which it may stop, wipe or roll back. */
export async function startPrivateRedis() {
  const dataDir = mkdtempSync(join(tmpdir(), "llms-redis-"));
  const port = await freePort();
  const env = { ...process.env, REDIS_PORT: String(port), REDIS_DATA_DIR: dataDir };
  const script = resolve(REPO_ROOT, "deploy/local/components/redis.sh");
  const component = (command: "start" | "stop") => run("bash", [script, command], { env, timeout: 60_000 });
  const cli = (...args: string[]) => run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], { timeout: 10_000 });
  await component("start");
  return {
    url: `redis://127.0.0.1:${port}`,
    start: () => component("start"),
    stop: () => component("stop"),
    /** Writes a snapshot (dump.rdb) now. */
    save: () => cli("SAVE"),
    /** Stops without saving and starts again: Redis comes back with the last snapshot. */
    restartFromSnapshot: async () => {
      await cli("SHUTDOWN", "NOSAVE").catch(() => undefined);
      await component("stop");
      await component("start");
    },
    async destroy() {
      await component("stop").catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
