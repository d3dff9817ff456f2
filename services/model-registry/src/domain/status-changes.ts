import type { DeploymentRecord, ModelRecord } from "./model-config.js";
import type { StatusChange } from "../events/model-events.js";

/** Status events between two states of a model (before = undefined for a new model). */
export function statusChanges(before: ModelRecord | undefined, after: ModelRecord): StatusChange[] {
  const changes: StatusChange[] = [];
  const previous = new Map<string, DeploymentRecord>((before?.deployments ?? []).map((deployment) => [deployment.id, deployment]));
  for (const deployment of after.deployments) {
    const old = previous.get(deployment.id);
    if (old && old.status === deployment.status && old.statusReason === deployment.statusReason) continue;
    changes.push({ modelId: after.id, deploymentId: deployment.id, previousStatus: old?.status ?? "", status: deployment.status, reason: deployment.statusReason, modelVersion: after.version });
  }
  if (!before || before.status !== after.status || before.statusReason !== after.statusReason) {
    changes.push({ modelId: after.id, deploymentId: "", previousStatus: before?.status ?? "", status: after.status, reason: after.statusReason, modelVersion: after.version });
  }
  return changes;
}
