import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { UpstreamReply, UpstreamRequest } from "./upstream-messages.js";

export interface MockUpstreamProcess {
  pid: number;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** What an OpenAI deployment's base_url should be (`url` + `/v1`). */
  baseUrl: string;
  /** Connections accepted since start, and open now. */
  connections(): Promise<{ opened: number; open: number }>;
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL("./mock-upstream-process.js", import.meta.url));

/** Forks the OpenAI mock (zero latency) into its own process and waits until it listens. */
export async function startMockUpstream(options: { apiKey: string; replyText: string; nodeArgs?: string[] }): Promise<MockUpstreamProcess> {
  const child = fork(ENTRY, [], {
    env: { ...process.env, BENCH_UPSTREAM_API_KEY: options.apiKey, BENCH_UPSTREAM_REPLY: options.replyText },
    execArgv: options.nodeArgs ?? [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await nextMessage(child, "ready", 15_000);
  return {
    pid: child.pid ?? 0,
    url: ready.url,
    baseUrl: ready.baseUrl,
    async connections() {
      const reply = nextMessage(child, "connections", 5_000);
      child.send({ type: "connections" } satisfies UpstreamRequest);
      const { opened, open } = await reply;
      return { opened, open };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.send({ type: "stop" } satisfies UpstreamRequest);
      await exited;
    },
  };
}

function nextMessage<Type extends UpstreamReply["type"]>(child: ChildProcess, type: Type, timeoutMs: number): Promise<Extract<UpstreamReply, { type: Type }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`the mock upstream sent no "${type}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: UpstreamReply) => {
      if (message.type === type) finish(undefined, message as Extract<UpstreamReply, { type: Type }>);
    };
    const onExit = (code: number | null) => finish(new Error(`the mock upstream exited (${code}) before "${type}"`));
    function finish(error?: Error, message?: Extract<UpstreamReply, { type: Type }>): void {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(message as Extract<UpstreamReply, { type: Type }>);
    }
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}
