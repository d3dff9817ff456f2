import type { Knex } from "@llm-serve/common";
import type { CredentialVault } from "../crypto/credential-vault.js";
import type { ModelEvents } from "../events/model-events.js";
import type { DeploymentProber } from "../health/deployment-prober.js";
import type { ModelStore } from "../store/model-store.js";

/** What the registry's domain verbs work with. */
export interface RegistryDeps {
  models: ModelStore;
  vault: CredentialVault;
  prober: DeploymentProber;
  events: ModelEvents;
  now: () => Date;
}

export type Transaction = Knex.Transaction;
