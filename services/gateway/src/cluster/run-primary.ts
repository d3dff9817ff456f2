import cluster, { type Worker } from "node:cluster";
import { AggregatorRegistry, startOpsServer, type Logger } from "@llm-serve/common";

export interface PrimaryOptions {
  workers: number;
  logger: Logger;
  /** The gateway's ops port: the primary serves the workers' metrics there, summed. */
  metricsHost: string;
  metricsPort: number;
  /** How long workers get to finish their requests and flush their usage on SIGTERM. */
  shutdownTimeoutMs: number;
}

/** The worker's message once its gateway serves. */
export const WORKER_READY = "llmserve:gateway-ready";

const RESTART_DELAY_MS = 1_000;

/**
 * The cluster primary (ADR 0012): forks the gateway workers, which share the HTTP and gRPC ports
 * (connections are handed out round-robin), replaces a worker that dies, serves one `/metrics`
 * for all of them on the gateway's ops port, and on SIGTERM lets every worker shut down in order
 * (each deregisters, drains and commits its usage) before it exits.
 */
export async function runPrimary(options: PrimaryOptions): Promise<void> {
  const { logger } = options;
  const ready = new Set<number>();
  let stopping = false;

  const fork = (index: number): Worker => {
    const worker = cluster.fork({ GATEWAY_WORKER_INDEX: String(index) });
    worker.on("message", (message: unknown) => {
      if (message === WORKER_READY) ready.add(worker.id);
    });
    worker.on("exit", (code, signal) => {
      ready.delete(worker.id);
      if (stopping) return;
      logger.error({ worker: index, pid: worker.process.pid, code, signal }, "gateway worker exited; starting another");
      setTimeout(() => {
        if (!stopping) fork(index);
      }, RESTART_DELAY_MS).unref();
    });
    return worker;
  };
  for (let index = 0; index < options.workers; index += 1) fork(index);

  const aggregator = new AggregatorRegistry();
  const ops = await startOpsServer({
    host: options.metricsHost,
    port: options.metricsPort,
    registry: { contentType: aggregator.contentType, metrics: () => aggregator.clusterMetrics() },
    isReady: () => !stopping && ready.size === options.workers,
  });
  logger.info({ workers: options.workers, metricsPort: ops.port }, "gateway primary started");

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    logger.info({ signal, workers: workers.length }, "stopping gateway workers");
    const exited = workers.map((worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once("exit", () => resolve()))));
    for (const worker of workers) worker.process.kill("SIGTERM");
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: options.shutdownTimeoutMs }, "gateway workers did not stop in time; killing them");
      for (const worker of workers) if (!worker.isDead()) worker.process.kill("SIGKILL");
    }, options.shutdownTimeoutMs);
    await Promise.all(exited);
    clearTimeout(timer);
    await ops.close();
    logger.info("shutdown complete");
    logger.flush();
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void stop(signal));
}
