import type { Credentials, DeploymentSpec, DeploymentStatus, ModelRecord } from "./model-config.js";
import type { RegistryDeps } from "./registry-deps.js";

export interface RoutingDeployment extends DeploymentSpec {
  credentials: Credentials | null;
  status: DeploymentStatus;
  /** The last health check's reason when status is `error` (shown by the gateway's /v1/status). */
  statusReason: string;
}

export interface RoutingModel extends Omit<ModelRecord, "deployments"> {
  deployments: RoutingDeployment[];
}

/**
 * Every enabled model with its enabled deployments and their credentials opened: the request
 * path's routing table. Internal only (gateway, assistant): no public or admin API returns it.
 */
export async function listRoutingTable(deps: Pick<RegistryDeps, "models" | "vault">): Promise<RoutingModel[]> {
  const models = await deps.models.list({ includeDisabled: false });
  return models.map(({ deployments, ...model }) => ({
    ...model,
    deployments: deployments
      .filter((deployment) => deployment.enabled)
      .map(({ sealedCredentials, credentialsHint: _hint, checkedAt: _checkedAt, checkLatencyMs: _latency, ...deployment }) => ({
        ...deployment,
        credentials: deps.vault.open(sealedCredentials, model.id, deployment.id),
      })),
  }));
}
