import { hintOf, type CredentialVault } from "../crypto/credential-vault.js";
import { deriveModelStatus } from "./derive-status.js";
import type { DeploymentDraft, DeploymentHealth, DeploymentRecord, ModelInput, ModelRecord } from "./model-config.js";

/** Deployments with plaintext credentials: the input's, or the stored ones when it sent none. */
export function draftDeployments(input: ModelInput, stored: ReadonlyMap<string, DeploymentDraft["credentials"]>): DeploymentDraft[] {
  return input.deployments.map(({ credentials, ...spec }) => ({ ...spec, credentials: credentials ?? stored.get(spec.id) ?? null }));
}

/** The aggregate as it will be stored: credentials sealed, health from the probes, status derived. */
export function buildRecord(
  vault: CredentialVault,
  input: ModelInput,
  drafts: readonly DeploymentDraft[],
  healths: readonly DeploymentHealth[],
  times: { version: number; createdAt: Date; updatedAt: Date },
): ModelRecord {
  const deployments: DeploymentRecord[] = drafts.map(({ credentials, ...spec }, index) => ({
    ...spec,
    ...(healths[index] ?? { status: "unknown", statusReason: "", checkedAt: null, checkLatencyMs: 0 }),
    sealedCredentials: vault.seal(credentials, input.id, spec.id),
    credentialsHint: hintOf(credentials),
  }));
  const { status, reason } = deriveModelStatus(input.enabled, deployments);
  const { deployments: _inputDeployments, ...spec } = input;
  return { ...spec, ...times, status, statusReason: reason, deployments };
}

/** What history keeps of a version: everything but the sealed credentials. */
export function snapshotOf(model: ModelRecord): unknown {
  return { ...model, deployments: model.deployments.map(({ sealedCredentials: _sealed, ...deployment }) => deployment) };
}
