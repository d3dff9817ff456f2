import type { RoutingEngine } from "@llm-serve/routing";
import type { DeploymentHealth, LiveStatus, ModelHealth } from "../ports/deployment-health.js";
import type { TableDeployment, TableModel } from "./table-types.js";

/**
 * A deployment whose rolling window holds at least this many attempts, with at least half failed,
 * is `degraded` even while its circuit is still closed (the breaker's own volume threshold may be
 * higher): /v1/status says so within a few failed requests.
 */
const DEGRADED_MIN_ATTEMPTS = 2;
const DEGRADED_ERROR_RATE = 0.5;

export function deploymentHealth(engine: RoutingEngine<TableDeployment>, deployment: TableDeployment): DeploymentHealth {
  const circuit = engine.circuits.state(deployment.id);
  const { attempts, failures } = engine.circuits.recentOutcomes(deployment.id);
  const errorRate = attempts === 0 ? 0 : failures / attempts;
  return {
    id: deployment.deploymentId,
    provider: deployment.provider,
    status: liveStatusOf(deployment.status, circuit, attempts, errorRate),
    registryStatus: deployment.status,
    reason: deployment.statusReason,
    circuit,
    recentAttempts: attempts,
    recentFailures: failures,
    errorRate: Math.round(errorRate * 1000) / 1000,
  };
}

function liveStatusOf(registryStatus: string, circuit: DeploymentHealth["circuit"], attempts: number, errorRate: number): LiveStatus {
  if (registryStatus === "error") return "error";
  if (registryStatus === "disabled") return "disabled";
  if (circuit === "open") return "unavailable";
  if (circuit === "half_open") return "degraded";
  if (attempts >= DEGRADED_MIN_ATTEMPTS && errorRate >= DEGRADED_ERROR_RATE) return "degraded";
  return "available";
}

/**
 * A model is `available` when every deployment is; `degraded` when some still serve; and when none
 * does, `error` if the registry says so (model or every deployment), else `unavailable`.
 */
export function modelHealth(engine: RoutingEngine<TableDeployment>, model: TableModel): ModelHealth {
  const deployments = model.deployments.map((deployment) => deploymentHealth(engine, deployment));
  const serving = deployments.filter((deployment) => deployment.status === "available" || deployment.status === "degraded");
  let status: LiveStatus;
  if (model.status === "error" || model.status === "disabled") status = model.status;
  else if (deployments.length > 0 && deployments.every((deployment) => deployment.status === "available")) status = "available";
  else if (serving.length > 0) status = "degraded";
  else status = deployments.length > 0 && deployments.every((deployment) => deployment.status === "error") ? "error" : "unavailable";
  const reason = model.statusReason || deployments.find((deployment) => deployment.reason !== "")?.reason || "";
  return { id: model.id, status, registryStatus: model.status, reason, deployments };
}
