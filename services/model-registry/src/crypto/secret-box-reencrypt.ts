import type { SealedCredentialsStore } from "../store/secret-box-store.js";
import type { CredentialVault } from "./credential-vault.js";

export interface ReencryptReport {
  examined: number;
  resealed: number;
  /** Changed by someone else between reading and writing: sealed by the running service already. */
  changedMeanwhile: number;
}

const PAGE_SIZE = 200;

/**
 * Seals every stored credential again under the current SECRETS_KEY and format (ADR 0015). Safe to
 * run while the service runs and to run again: values already current are left alone, and a value
 * changed meanwhile is not overwritten. Once it reports nothing left, the previous keys can go.
 */
export async function reencryptSecrets(deps: { store: SealedCredentialsStore; vault: CredentialVault }): Promise<ReencryptReport> {
  const report: ReencryptReport = { examined: 0, resealed: 0, changedMeanwhile: 0 };
  let after: { modelId: string; deploymentId: string } | undefined;
  for (;;) {
    const rows = await deps.store.page(after, PAGE_SIZE);
    for (const row of rows) {
      report.examined += 1;
      const resealed = deps.vault.reseal(row.sealed, row.modelId, row.deploymentId);
      if (resealed === undefined) continue;
      if (await deps.store.replace(row, resealed)) report.resealed += 1;
      else report.changedMeanwhile += 1;
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE_SIZE) return report;
    after = { modelId: last.modelId, deploymentId: last.deploymentId };
  }
}
