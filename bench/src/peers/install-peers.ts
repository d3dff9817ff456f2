import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "@llm-serve/testkit";

const SCRIPT = join(REPO_ROOT, "deploy", "local", "components", "peers.sh");

/** The cache the peers live in (outside the repository; LLMSERVE_PEERS_DIR or LLMSERVE_CACHE move it). */
export function peersDirectory(): string {
  const answer = spawnSync("bash", [SCRIPT, "dir"], { encoding: "utf8" });
  if (answer.status !== 0) throw new Error(`${SCRIPT} dir failed: ${answer.stderr}`);
  return answer.stdout.trim();
}

/**
 * Installs one peer with the project's script (idempotent: nothing is done when its pins have not
 * changed). Returns the failure's last lines, or undefined when it is installed.
 */
export function installPeer(id: string, log: (message: string) => void): string | undefined {
  const started = Date.now();
  const answer = spawnSync("bash", [SCRIPT, "install", id], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  for (const line of `${answer.stdout}${answer.stderr}`.trim().split("\n")) if (line !== "") log(line);
  if (answer.status === 0) return undefined;
  log(`installing ${id} failed after ${Math.round((Date.now() - started) / 1_000)} s`);
  return `peers.sh install ${id} failed: ${`${answer.stderr}`.trim().split("\n").slice(-3).join(" ")}`;
}
