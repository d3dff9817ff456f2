import type { CredentialVault } from "../crypto/credential-vault.js";
import type { Credentials, DeploymentInput, DeploymentRecord, ModelInput, ModelRecord } from "./model-config.js";

export interface CarriedCredentials {
  /** Deployment id → stored credentials an update may keep (its endpoint did not change). */
  stored: Map<string, Credentials | null>;
  /** Deployments that had credentials but moved to another provider or base URL: they must be sent again. */
  moved: Set<string>;
}

/** Where a deployment's credentials are sent: changing either is sending them somewhere else. */
const sameEndpoint = (before: DeploymentRecord, after: DeploymentInput): boolean =>
  before.provider.providerType === after.provider.providerType && before.provider.baseUrl === after.provider.baseUrl;

/**
 * The stored credentials an update may carry over when the administrator does not resend them:
 * only those of deployments whose provider type and base URL stay the same. Otherwise anyone
 * allowed to edit a model could point a deployment at their own server and let the health probe
 * (or the next request) deliver the vendor key there.
 */
export function carriedCredentials(vault: CredentialVault, current: ModelRecord, input: ModelInput): CarriedCredentials {
  const stored = new Map<string, Credentials | null>();
  const moved = new Set<string>();
  const incoming = new Map(input.deployments.map((deployment) => [deployment.id, deployment]));
  for (const deployment of current.deployments) {
    const next = incoming.get(deployment.id);
    if (next && !sameEndpoint(deployment, next)) {
      if (deployment.sealedCredentials !== null) moved.add(deployment.id);
      continue;
    }
    stored.set(deployment.id, vault.open(deployment.sealedCredentials, current.id, deployment.id));
  }
  return { stored, moved };
}
