import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createDatabase } from "@llm-serve/common";
import { INFRA, deleteEventNamespace, freePort } from "@llm-serve/testkit";
import { platformEnv, schemasOf } from "./platform-env.js";
import { spawnServiceProcess, type ServiceProcess } from "./service-process.js";

/**
 * The platform as `deploy/local/up.sh` deploys it: every service besides the gateway, each its own
 * process. billing and analytics consume every usage event the gateway sends (their CPU is part of
 * the cost of a request); assistant is idle under the bench's load but part of the deployment.
 * None is optional any more: a service that fails to start fails the run.
 */
export const BACKEND_SERVICES = [
  { name: "auth-key", required: true },
  { name: "model-registry", required: true },
  { name: "quota", required: true },
  { name: "billing", required: true },
  { name: "analytics", required: true },
  { name: "assistant", required: true },
] as const;

export interface BenchPlatform {
  isolation: string;
  runDirectory: string;
  env: Record<string, string>;
  gatewayUrl: string;
  gateway: ServiceProcess;
  backends: ServiceProcess[];
  /** Optional services that could not start, with the reason. */
  missing: string[];
  /** Stops the gateway and starts it again with these node flags and environment (profiling). */
  restartGateway(nodeArgs: string[], extraEnv?: Record<string, string>): Promise<ServiceProcess>;
  /** Stops every process; drops the run's schemas unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts the platform as a user runs it: the six backend services, then the gateway,
 * each `node services/<name>/dist/main.js` with its own log file under the run directory.
 */
/** What deploy/local, docker-compose and deploy/k8s give every service but the gateway (ADR 0042). */
const SERVICE_NODE_OPTIONS = "--max-semi-space-size=8";

export async function startPlatform(isolation: string, runDirectory: string, gatewayEnv: Record<string, string> = {}): Promise<BenchPlatform> {
  mkdirSync(runDirectory, { recursive: true });
  const httpPort = await freePort();
  // The gateway's ops port answers /readyz once every worker (GATEWAY_WORKERS) serves.
  const metricsPort = await freePort();
  const gatewayUrl = `http://127.0.0.1:${httpPort}`;
  const env = platformEnv(isolation, runDirectory, gatewayUrl);
  const schemas = schemasOf(isolation);
  const backends: ServiceProcess[] = [];
  const missing: string[] = [];
  let gateway: ServiceProcess | undefined;

  const startService = (name: keyof typeof schemas, nodeArgs: string[] = [], extra: Record<string, string> = {}, readyUrl?: string) =>
    spawnServiceProcess(name, { env: { ...env, DATABASE_SCHEMA: schemas[name], ...extra }, logFile: join(runDirectory, `${name}.log`), nodeArgs, cwd: runDirectory, ...(readyUrl ? { readyUrl } : {}) });
  const startGateway = (nodeArgs: string[] = [], extraEnv: Record<string, string> = {}) =>
    startService("gateway", nodeArgs, { HTTP_PORT: String(httpPort), METRICS_PORT: String(metricsPort), ...gatewayEnv, ...extraEnv }, `http://127.0.0.1:${metricsPort}/readyz`);

  const stopAll = async (keepData: boolean) => {
    await gateway?.stop();
    await Promise.all(backends.map((service) => service.stop()));
    if (!keepData) {
      await dropSchemas(Object.values(schemas));
      // The run's topics and consumer groups go too (its event namespace is its isolation id).
      await deleteEventNamespace(INFRA.kafkaBrokers.split(","), isolation).catch(() => undefined);
    }
  };

  try {
    // As deployed (ADR 0042): the services other than the gateway run with 8 MiB semi-spaces.
    const started = await Promise.allSettled(BACKEND_SERVICES.map((service) => startService(service.name, [], { NODE_OPTIONS: SERVICE_NODE_OPTIONS })));
    for (const [index, result] of started.entries()) {
      const service = BACKEND_SERVICES[index];
      if (result.status === "fulfilled") backends.push(result.value);
      else if (service && !service.required) missing.push(`${service.name}: ${firstLine(result.reason)}`);
    }
    const failed = started.find((result, index) => result.status === "rejected" && BACKEND_SERVICES[index]?.required);
    if (failed?.status === "rejected") throw failed.reason;
    gateway = await startGateway();
  } catch (error) {
    await stopAll(false);
    throw error;
  }

  const platform: BenchPlatform = {
    isolation,
    runDirectory,
    env,
    gatewayUrl,
    gateway,
    backends,
    missing,
    async restartGateway(nodeArgs, extraEnv = {}) {
      await platform.gateway.stop();
      gateway = await startGateway(nodeArgs, extraEnv);
      platform.gateway = gateway;
      return gateway;
    },
    stop: (options = {}) => stopAll(options.keepData ?? false),
  };
  return platform;
}

async function dropSchemas(schemas: string[]): Promise<void> {
  const db = createDatabase({ url: INFRA.databaseUrl, schema: "public", poolMax: 1 });
  try {
    for (const schema of schemas) await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
  } finally {
    await db.destroy();
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n");
  return `${lines[0] ?? ""} ${lines.filter((line) => !line.startsWith("{") && line.trim() !== "").slice(1).at(-1) ?? ""}`.trim();
}
