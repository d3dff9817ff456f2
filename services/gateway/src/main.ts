import cluster from "node:cluster";
import { AggregatorRegistry, createLogger, loadConfig } from "@llm-serve/common";
import { startGateway } from "./app.js";
import { runPrimary, WORKER_READY } from "./cluster/run-primary.js";
import { configSchema, SERVICE_NAME } from "./config.js";

const fail = (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
};

const config = (() => {
  try {
    return loadConfig(configSchema, process.env);
  } catch (error) {
    return fail(error);
  }
})();

if (config.GATEWAY_WORKERS > 1 && cluster.isPrimary) {
  const logger = createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL }).child({ role: "primary" });
  await runPrimary({
    workers: config.GATEWAY_WORKERS,
    logger,
    metricsHost: config.SERVICE_HOST,
    metricsPort: config.METRICS_PORT,
    shutdownTimeoutMs: 30_000 + config.SHUTDOWN_DRAIN_MS,
  }).catch(fail);
} else {
  // A worker's own ops port is ephemeral: the primary serves the workers' metrics on METRICS_PORT.
  const env = cluster.isWorker ? { ...process.env, METRICS_PORT: "0" } : process.env;
  const service = await startGateway(env).catch(fail);
  if (cluster.isWorker) {
    // Constructing one installs prom-client's answer to the primary's metrics requests.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([service.runtime.metrics]);
    process.send?.(WORKER_READY);
  }
  const stop = () => void service.stop().then(() => process.exit(0));
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    // A worker may get a signal twice (the terminal's and its primary's): the second must not kill it.
    if (cluster.isWorker) process.on(signal, stop);
    else process.once(signal, stop);
  }
}
