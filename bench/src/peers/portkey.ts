import { readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@llm-serve/testkit";
import type { PeerContext, PeerDefinition, RunningPeer } from "./peer.js";
import { spawnPeerProcess } from "./peer-process.js";

/**
 * Portkey's open-source gateway (`@portkey-ai/gateway`), run with its own CLI under the runner's
 * node. It keeps no configuration: each request names its provider and, for a self-hosted
 * OpenAI-compatible upstream, the base URL (`x-portkey-custom-host`; loopback is trusted by
 * default), and the vendor key travels as the bearer token.
 */
export const PORTKEY: PeerDefinition = {
  id: "portkey",
  name: "Portkey",
  description: "proxy only (no keys, quotas or usage records): provider `openai` with `x-portkey-custom-host` at the mock, the vendor key as bearer; its CLI `build/start-server.js --port=N --headless`",
  async start(context: PeerContext): Promise<RunningPeer> {
    const home = join(context.peersDirectory, "portkey");
    const packageDirectory = join(home, "node_modules", "@portkey-ai", "gateway");
    const { version } = JSON.parse(readFileSync(join(packageDirectory, "package.json"), "utf8")) as { version: string };
    const hono = (JSON.parse(readFileSync(join(home, "node_modules", "@hono", "node-server", "package.json"), "utf8")) as { version: string }).version;
    const port = await freePort();
    const peer = await spawnPeerProcess({
      command: process.execPath,
      args: [join(packageDirectory, "build", "start-server.js"), `--port=${port}`, "--headless"],
      env: { NODE_ENV: "production" },
      cwd: home,
      logFile: join(context.runDirectory, "portkey.log"),
      readyUrl: `http://127.0.0.1:${port}/`,
    });
    return {
      version: `@portkey-ai/gateway ${version}, @hono/node-server ${hono}, node ${process.version}`,
      pid: peer.pid,
      stop: () => peer.stop(),
      endpoint: {
        origin: `http://127.0.0.1:${port}`,
        prefix: "/v1",
        bearer: context.vendorKey,
        chatModel: "gpt-4o-mini",
        embeddingModel: "text-embedding-3-small",
        headers: { "x-portkey-provider": "openai", "x-portkey-custom-host": context.upstream.baseUrl },
      },
    };
  },
};
