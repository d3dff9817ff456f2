import { AppError } from "@llm-serve/common";
import { deriveModelStatus } from "./derive-status.js";
import type { DeploymentHealth, DeploymentRecord, ModelRecord } from "./model-config.js";
import type { RegistryDeps } from "./registry-deps.js";
import { statusChanges } from "./status-changes.js";

/**
 * Probes every deployment of a model against its vendor now and stores what changed, with status
 * events. Health is not configuration: the version stays.
 */
export async function checkModel(deps: RegistryDeps, input: { id: string }, requestId?: string): Promise<ModelRecord> {
  const model = await deps.models.findByName(input.id);
  if (!model) throw new AppError("not_found", `The model ${input.id} does not exist.`, { details: { param: "id" } });
  const drafts = model.deployments.map((deployment) => ({ ...deployment, credentials: deps.vault.open(deployment.sealedCredentials, model.id, deployment.id) }));
  const healths = await deps.prober.probeAll(drafts);
  return recordHealth(deps, model.id, new Map(model.deployments.map((deployment, index) => [deployment.id, healths[index]!])), requestId);
}

/** Stores new health results of a model's deployments and announces the status changes. */
export async function recordHealth(deps: RegistryDeps, modelId: string, healths: ReadonlyMap<string, DeploymentHealth>, requestId?: string): Promise<ModelRecord> {
  const result = await deps.models.transaction(async (store, trx) => {
    const before = await store.findForUpdate(modelId);
    if (!before) throw new AppError("not_found", `The model ${modelId} does not exist.`, { details: { param: "id" } });
    const deployments: DeploymentRecord[] = before.deployments.map((deployment) => ({ ...deployment, ...(healths.get(deployment.id) ?? {}) }));
    const { status, reason } = deriveModelStatus(before.enabled, deployments);
    const after: ModelRecord = { ...before, deployments, status, statusReason: reason };
    for (const deployment of deployments) {
      const health = healths.get(deployment.id);
      if (health) await store.updateDeploymentHealth(modelId, deployment.id, health);
    }
    if (status !== before.status || reason !== before.statusReason) await store.updateModelStatus(modelId, status, reason);
    const changes = statusChanges(before, after);
    await deps.events.enqueue(trx, changes.map((change) => deps.events.statusChanged(change, requestId)));
    return { after, changed: changes.length > 0 };
  });
  if (result.changed) deps.events.sent();
  return result.after;
}
