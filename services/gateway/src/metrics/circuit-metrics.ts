import { Gauge, type Registry } from "@llm-serve/common";
import type { DeploymentRouter } from "../ports/deployment-router.js";

const STATE_VALUES = { closed: 0, half_open: 1, open: 2 } as const;

/**
 * `llmserve_routing_circuit_state{deployment}`: 0 closed, 1 half-open, 2 open, read from the routing
 * engine when Prometheus scrapes (nothing on the request path). Deployments are the registry's, so
 * the label stays bounded; a removed deployment's series goes with its breaker.
 */
export function registerCircuitMetrics(registry: Registry, router: DeploymentRouter): void {
  new Gauge({
    name: "llmserve_routing_circuit_state",
    help: "Circuit breaker state of each deployment on this gateway: 0 closed, 1 half-open, 2 open",
    labelNames: ["deployment"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [deployment, state] of router.circuitStates?.() ?? []) this.set({ deployment }, STATE_VALUES[state]);
    },
  });
}
