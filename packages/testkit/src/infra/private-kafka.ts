import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./environment.js";

import { freePort } from "./free-port.js";

const run = promisify(execFile);


export interface PrivateKafka {
  brokers: string[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the broker and deletes its data. */
  destroy(): Promise<void>;
}

/**
 * A second, real Kafka broker of the test's own (same jars and config as the shared one), which
 * the test may stop and start without disturbing anything else.
 */
export async function createPrivateKafka(): Promise<PrivateKafka> {
  const dataDir = mkdtempSync(join(tmpdir(), "llms-kafka-"));
  const port = await freePort();
  const controllerPort = await freePort();
  const script = resolve(REPO_ROOT, "deploy/local/components/kafka.sh");
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_DATA_DIR: dataDir,
    KAFKA_HEAP_OPTS: "-Xms128m -Xmx384m",
  };
  const call = async (command: "start" | "stop") => {
    await run("bash", [script, command], { env, timeout: 180_000 });
  };
  return {
    brokers: [`127.0.0.1:${port}`],
    start: () => call("start"),
    stop: () => call("stop"),
    destroy: async () => {
      await call("stop").catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
