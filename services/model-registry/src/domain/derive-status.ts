import type { DeploymentRecord, ModelStatus } from "./model-config.js";

/**
 * A model is available while one enabled deployment is (or has not been checked yet); in error when
 * every enabled deployment is, with their reasons; disabled when it or all its deployments are.
 */
export function deriveModelStatus(enabled: boolean, deployments: readonly Pick<DeploymentRecord, "id" | "enabled" | "status" | "statusReason">[]): { status: ModelStatus; reason: string } {
  if (!enabled) return { status: "disabled", reason: "disabled by an administrator" };
  const active = deployments.filter((deployment) => deployment.enabled);
  if (active.length === 0) return { status: "disabled", reason: "no enabled deployment" };
  if (active.some((deployment) => deployment.status !== "error")) return { status: "available", reason: "" };
  return { status: "error", reason: active.map((deployment) => `${deployment.id}: ${deployment.statusReason}`).join("; ") };
}
