import { discoveryName, type NacosClient } from "@llm-serve/common";
import type { DeploymentRouter } from "../ports/deployment-router.js";
import type { Principal } from "../ports/authenticator.js";

const PLATFORM_SERVICES = ["gateway", "auth-key", "quota", "billing", "model-registry", "assistant", "analytics"] as const;

export interface PlatformStatusDeps {
  router: DeploymentRouter;
  nacos: NacosClient;
  nacosGroup: string;
  instance: { id: string; version: string; startedAt: number };
  /** How long one sample of the services' state is reused. */
  cacheMs: () => number;
}

type ServiceState = readonly [service: string, state: "up" | "down" | "unknown", instances: number];

/**
 * The platform's state for /v1/status. The Nacos lookups (one per service) are shared: one sample
 * serves every caller for `cacheMs`, and callers arriving while it is taken wait for it, so the
 * number of callers never multiplies the calls to Nacos.
 */
export class PlatformStatus {
  #sample: { takenAt: number; services: Promise<ServiceState[]> } | undefined;

  constructor(private readonly deps: PlatformStatusDeps) {}

  async of(principal: Principal) {
    const services = await this.#services();
    const models = this.deps.router.listModels(principal).map((model) => ({ id: model.id, status: "available" }));
    const allUp = services.every(([, state]) => state === "up");
    const { instance } = this.deps;
    return {
      status: allUp ? "operational" : "degraded",
      gateway: { instance_id: instance.id, version: instance.version, uptime_seconds: Math.floor((Date.now() - instance.startedAt) / 1000) },
      services: Object.fromEntries(services.map(([service, state, count]) => [service, { status: state, instances: count }])),
      models,
    };
  }

  #services(): Promise<ServiceState[]> {
    const now = Date.now();
    if (this.#sample && now - this.#sample.takenAt < this.deps.cacheMs()) return this.#sample.services;
    const services = Promise.all(PLATFORM_SERVICES.map((service) => this.#stateOf(service)));
    this.#sample = { takenAt: now, services };
    return services;
  }

  async #stateOf(service: string): Promise<ServiceState> {
    const instances = await this.deps.nacos.listInstances(discoveryName(service), this.deps.nacosGroup, true).catch(() => undefined);
    return [service, instances === undefined ? "unknown" : instances.length > 0 ? "up" : "down", instances?.length ?? 0] as const;
  }
}
