import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@llm-serve/testkit";
import type { PeerContext, PeerDefinition, RunningPeer } from "./peer.js";
import { spawnPeerProcess } from "./peer-process.js";

/**
 * The LiteLLM proxy from its own venv: no database, one worker, one model on its `openai/` provider
 * at the mock. The keys reach it through the environment (`os.environ/…` in the configuration),
 * never written into the file.
 */
export const LITELLM: PeerDefinition = {
  id: "litellm",
  name: "LiteLLM",
  description: "proxy with a master key, no database (so no virtual keys, budgets or spend records), 1 worker; one model `openai/gpt-4o-mini` with `api_base` at the mock",
  async start(context: PeerContext): Promise<RunningPeer> {
    const venv = join(context.peersDirectory, "litellm");
    const version = execFileSync(join(venv, "bin", "python"), ["-c", "import importlib.metadata as m; print(m.version('litellm'))"], { encoding: "utf8" }).trim();
    const configFile = join(context.runDirectory, "litellm.yaml");
    writeFileSync(configFile, configuration(context.upstream.baseUrl));
    const masterKey = `sk-bench-litellm-${randomBytes(12).toString("hex")}`;
    const port = await freePort();
    const peer = await spawnPeerProcess({
      command: join(venv, "bin", "litellm"),
      args: ["--config", configFile, "--host", "127.0.0.1", "--port", String(port), "--num_workers", "1"],
      env: {
        BENCH_UPSTREAM_API_KEY: context.vendorKey,
        LITELLM_MASTER_KEY: masterKey,
        // The price table ships with the package; without this it is fetched from the internet at start.
        LITELLM_LOCAL_MODEL_COST_MAP: "True",
        LITELLM_LOG: "ERROR",
      },
      cwd: context.runDirectory,
      logFile: join(context.runDirectory, "litellm.log"),
      readyUrl: `http://127.0.0.1:${port}/health/liveliness`,
      timeoutMs: 180_000,
    });
    return {
      version: `litellm[proxy] ${version}, Python ${execFileSync(join(venv, "bin", "python"), ["-c", "import platform; print(platform.python_version())"], { encoding: "utf8" }).trim()}`,
      pid: peer.pid,
      stop: () => peer.stop(),
      endpoint: { origin: `http://127.0.0.1:${port}`, prefix: "/v1", bearer: masterKey, chatModel: "gpt-4o-mini", embeddingModel: "text-embedding-3-small" },
    };
  },
};

function configuration(upstreamBaseUrl: string): string {
  return [
    "model_list:",
    "  - model_name: gpt-4o-mini",
    "    litellm_params:",
    "      model: openai/gpt-4o-mini",
    `      api_base: ${upstreamBaseUrl}`,
    "      api_key: os.environ/BENCH_UPSTREAM_API_KEY",
    "general_settings:",
    "  master_key: os.environ/LITELLM_MASTER_KEY",
    "litellm_settings:",
    "  telemetry: false",
    "",
  ].join("\n");
}
