import { Worker } from "node:worker_threads";
import type { Logger } from "pino";

/** What the relay thread needs to open its own connections (a Knex or a Kafka client cannot cross threads). */
export interface OutboxRelayThreadOptions {
  database: { url: string; schema: string; poolMax?: number };
  kafka: { brokers: string[]; clientId: string; namespace: string };
  /** The thread logs as this service, at this level, with these bindings. */
  log: { service: string; version: string; level: string; bindings: Record<string, unknown> };
  /** For the thread's own failures (it exits, it cannot start). */
  logger: Logger;
  pollIntervalMs?: number;
  batchSize?: number;
}

export type RelayThreadMessage = { type: "kick" } | { type: "stop" };
export type RelayThreadReply = { type: "started" } | { type: "stopped" } | { type: "failed"; message: string };

const RESTART_DELAY_MS = 1_000;
const RELAY_THREAD_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };
const STOP_TIMEOUT_MS = 10_000;

/**
 * The outbox relay on its own thread (ADR 0011): the same OutboxRelay, with its own Postgres pool
 * and Kafka producer, so that its queries, JSON and Kafka encoding never hold the event loop that
 * serves requests (measured on the gateway: a relay pass on the request thread every 100 ms was
 * the largest cause of its one-client p99). Same contract as OutboxRelay: `kick()` wakes it,
 * `stop()` waits for the pass in progress. A thread that dies is started again.
 */
export class OutboxRelayThread {
  #worker: Worker | undefined;
  #stopping = false;

  private constructor(private readonly options: OutboxRelayThreadOptions) {}

  static async start(options: OutboxRelayThreadOptions): Promise<OutboxRelayThread> {
    const thread = new OutboxRelayThread(options);
    await thread.#spawn();
    return thread;
  }

  kick(): void {
    this.#worker?.postMessage({ type: "kick" } satisfies RelayThreadMessage);
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    const worker = this.#worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => {
      worker.on("message", (reply: RelayThreadReply) => reply.type === "stopped" && resolve());
      worker.once("exit", () => resolve());
    });
    worker.postMessage({ type: "stop" } satisfies RelayThreadMessage);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([stopped, new Promise((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)))]);
    clearTimeout(timer);
    await worker.terminate();
    this.#worker = undefined;
  }

  #spawn(): Promise<void> {
    const { logger, ...workerData } = this.options;
    // A small heap: the thread holds one batch at a time, and an unbounded isolate grew the
    // gateway's RSS by 200+ MiB over a soak (measured).
    const worker = new Worker(new URL("./outbox-relay-thread-main.js", import.meta.url), { workerData, resourceLimits: RELAY_THREAD_LIMITS });
    this.#worker = worker;
    worker.on("exit", (code) => {
      if (this.#stopping || this.#worker !== worker) return;
      logger.error({ code }, "outbox relay thread exited; starting another");
      this.#worker = undefined;
      setTimeout(() => void this.#spawn().catch((error: unknown) => logger.error({ err: error }, "outbox relay thread could not start")), RESTART_DELAY_MS).unref();
    });
    worker.on("error", (error) => logger.error({ err: error }, "outbox relay thread failed"));
    return new Promise((resolve, reject) => {
      worker.on("message", (reply: RelayThreadReply) => {
        if (reply.type === "started") resolve();
        if (reply.type === "failed") reject(new Error(`outbox relay thread: ${reply.message}`));
      });
      worker.once("exit", (code) => reject(new Error(`outbox relay thread exited with ${code} before it started`)));
    });
  }
}
