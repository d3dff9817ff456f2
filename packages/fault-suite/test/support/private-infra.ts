import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT, freePort, waitFor } from "@llm-serve/testkit";

const run = promisify(execFile);

/**
 * A server of the suite's own, started by the project's deploy/local component script on its own
 * ports and data folder: the suite breaks it, never the shared infrastructure other tests use.
 */
export interface PrivateServer {
  /** Connection string (redis://…, postgres://…) or broker list (host:port). */
  url: string;
  dataDir: string;
  start(): Promise<void>;
  /** Orderly stop through the component script. */
  stop(): Promise<void>;
  /** SIGKILL: the server vanishes at once, as in a crash or a lost machine. */
  kill(): Promise<void>;
  /** Stops the server and deletes its data folder. */
  destroy(): Promise<void>;
}

type Component = "redis" | "postgres" | "kafka";

async function privateServer(component: Component, settings: (port: number, dataDir: string) => Promise<Record<string, string>>, url: (port: number) => string): Promise<PrivateServer> {
  // Under /tmp, whose ancestors the postgres OS user can reach (postgres.sh runs the server as that user when root).
  const dataDir = mkdtempSync(join(tmpdir(), `llms-fault-${component}-`));
  const port = await freePort();
  const env = { ...process.env, ...(await settings(port, dataDir)) };
  const script = resolve(REPO_ROOT, `deploy/local/components/${component}.sh`);
  const call = async (command: "start" | "stop" | "pid") => (await run("bash", [script, command], { env, timeout: 240_000 })).stdout.trim();
  const server: PrivateServer = {
    url: url(port),
    dataDir,
    start: async () => void (await call("start")),
    stop: async () => void (await call("stop")),
    async kill() {
      const pid = Number(await call("pid"));
      process.kill(pid, "SIGKILL");
      await waitFor(() => call("pid").then(() => false, () => true), { timeoutMs: 30_000, description: `${component} gone` });
    },
    async destroy() {
      await call("stop").catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/** A Redis of the suite's own (components/redis.sh with REDIS_PORT / REDIS_DATA_DIR). */
export function createPrivateRedis(): Promise<PrivateServer> {
  return privateServer("redis", async (port, dataDir) => ({ REDIS_PORT: String(port), REDIS_DATA_DIR: dataDir }), (port) => `redis://127.0.0.1:${port}`);
}

/** A PostgreSQL cluster of the suite's own (components/postgres.sh with POSTGRES_PORT / POSTGRES_DATA_DIR). */
export function createPrivatePostgres(): Promise<PrivateServer> {
  return privateServer("postgres", async (port, dataDir) => ({ POSTGRES_PORT: String(port), POSTGRES_DATA_DIR: dataDir }), (port) => `postgres://llmserve:llmserve@127.0.0.1:${port}/llmserve`);
}

/** A Kafka broker of the suite's own (components/kafka.sh with KAFKA_PORT / KAFKA_CONTROLLER_PORT / KAFKA_DATA_DIR). */
export function createPrivateKafka(): Promise<PrivateServer> {
  return privateServer(
    "kafka",
    async (port, dataDir) => ({ KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(await freePort()), KAFKA_DATA_DIR: dataDir, KAFKA_HEAP_OPTS: "-Xms128m -Xmx384m" }),
    (port) => `127.0.0.1:${port}`,
  );
}
