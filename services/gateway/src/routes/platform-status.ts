import { discoveryName, type NacosClient, type NacosInstance } from "@llm-serve/common";
import type { DeploymentRouter } from "../ports/deployment-router.js";
import type { Principal } from "../ports/authenticator.js";
import type { ModelHealth } from "../ports/deployment-health.js";
import type { InfraProbe } from "../ports/infra-probe.js";

const PLATFORM_SERVICES = ["gateway", "auth-key", "quota", "billing", "model-registry", "assistant", "analytics"] as const;
/** A probe that has not answered within this long counts as down (the sample must not hang). */
const PROBE_TIMEOUT_MS = 2_000;

export interface PlatformStatusDeps {
  router: DeploymentRouter;
  nacos: NacosClient;
  nacosGroup: string;
  instance: { id: string; version: string; startedAt: number };
  /** Postgres, Redis and Kafka as this gateway reaches them. */
  probes: readonly InfraProbe[];
  /** How long one sample of the services' and infrastructure's state is reused. */
  cacheMs: () => number;
}

interface ServiceState {
  service: string;
  status: "up" | "degraded" | "down" | "unknown";
  healthyInstances: number;
  instances: Array<{ id: string; address: string; healthy: boolean; version: string }>;
}

interface InfraState {
  name: string;
  status: "up" | "down";
  latencyMs: number;
  error?: string;
}

interface Sample {
  services: ServiceState[];
  infrastructure: InfraState[];
}

/**
 * The platform's state for /v1/status: each model deployment as this gateway sees it (registry
 * status and reason, circuit state, error rate of the breaker's window), each service's instances
 * in Nacos with their health, and whether Postgres, Redis and Kafka answer. The lookups are shared:
 * one sample serves every caller for `cacheMs`, and callers arriving while it is taken wait for it,
 * so the number of callers never multiplies the calls to Nacos or the infrastructure.
 */
export class PlatformStatus {
  #sample: { takenAt: number; value: Promise<Sample> } | undefined;

  constructor(private readonly deps: PlatformStatusDeps) {}

  async of(principal: Principal) {
    const { services, infrastructure } = await this.#shared();
    const models = this.deps.router.health?.(principal) ?? this.deps.router.listModels(principal).map((model) => ({ id: model.id, status: "available", registryStatus: "", reason: "", deployments: [] }));
    const { instance } = this.deps;
    return {
      status: overallStatus(services, infrastructure, models),
      gateway: { instance_id: instance.id, version: instance.version, uptime_seconds: Math.floor((Date.now() - instance.startedAt) / 1000) },
      services: Object.fromEntries(services.map((state) => [state.service, { status: state.status, healthy_instances: state.healthyInstances, instances: state.instances }])),
      infrastructure: Object.fromEntries(infrastructure.map(({ name, ...state }) => [name, { status: state.status, latency_ms: state.latencyMs, ...(state.error ? { error: state.error } : {}) }])),
      models: models.map(modelView),
    };
  }

  #shared(): Promise<Sample> {
    const now = Date.now();
    if (this.#sample && now - this.#sample.takenAt < this.deps.cacheMs()) return this.#sample.value;
    const value = Promise.all([Promise.all(PLATFORM_SERVICES.map((service) => this.#stateOf(service))), Promise.all(this.deps.probes.map(probe))]).then(
      ([services, infrastructure]) => ({ services, infrastructure }),
    );
    this.#sample = { takenAt: now, value };
    return value;
  }

  async #stateOf(service: string): Promise<ServiceState> {
    const listed: NacosInstance[] | undefined = await this.deps.nacos.listInstances(discoveryName(service), this.deps.nacosGroup, false).catch(() => undefined);
    if (listed === undefined) return { service, status: "unknown", healthyInstances: 0, instances: [] };
    const instances = listed.map((entry) => ({
      id: entry.metadata.instanceId ?? `${entry.ip}:${entry.port}`,
      address: `${entry.ip}:${entry.port}`,
      healthy: entry.healthy && entry.enabled,
      version: entry.metadata.version ?? "",
    }));
    const healthyInstances = instances.filter((entry) => entry.healthy).length;
    const status = healthyInstances === 0 ? "down" : healthyInstances < instances.length ? "degraded" : "up";
    return { service, status, healthyInstances, instances };
  }
}

async function probe(target: InfraProbe): Promise<InfraState> {
  const started = performance.now();
  try {
    await Promise.race([target.check(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS).unref())]);
    return { name: target.name, status: "up", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // The error's message only (a connection refusal, a timeout): never a URL or credentials.
    const message = error instanceof Error ? error.constructor.name : "error";
    return { name: target.name, status: "down", latencyMs: Math.round(performance.now() - started), error: message };
  }
}

function overallStatus(services: ServiceState[], infrastructure: InfraState[], models: ModelHealth[]): "operational" | "degraded" {
  const servicesUp = services.every((state) => state.status === "up");
  const infraUp = infrastructure.every((state) => state.status === "up");
  const modelsUp = models.every((model) => model.status === "available");
  return servicesUp && infraUp && modelsUp ? "operational" : "degraded";
}

function modelView(model: ModelHealth) {
  return {
    id: model.id,
    status: model.status,
    registry_status: model.registryStatus,
    reason: model.reason,
    deployments: model.deployments.map((deployment) => ({
      id: deployment.id,
      provider: deployment.provider,
      status: deployment.status,
      registry_status: deployment.registryStatus,
      reason: deployment.reason,
      circuit: deployment.circuit,
      recent_attempts: deployment.recentAttempts,
      recent_failures: deployment.recentFailures,
      error_rate: deployment.errorRate,
    })),
  };
}
