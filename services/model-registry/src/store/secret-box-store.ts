import type { Knex } from "@llm-serve/common";

export interface SealedCredentialsRow {
  modelId: string;
  deploymentId: string;
  sealed: string;
}

/** The sealed credentials column of every deployment, for re-encryption under a new key. */
export class SealedCredentialsStore {
  constructor(private readonly db: Knex) {}

  /** One page of deployments with credentials, in key order after `after`. */
  async page(after: { modelId: string; deploymentId: string } | undefined, limit: number): Promise<SealedCredentialsRow[]> {
    const query = this.db("model_deployments").select("model_id", "id", "sealed_credentials").whereNotNull("sealed_credentials").orderBy(["model_id", "id"]).limit(limit);
    if (after) query.whereRaw("(model_id, id) > (?, ?)", [after.modelId, after.deploymentId]);
    const rows: Array<{ model_id: string; id: string; sealed_credentials: string }> = await query;
    return rows.map((row) => ({ modelId: row.model_id, deploymentId: row.id, sealed: row.sealed_credentials }));
  }

  /** Replaces the value only if it is still the one read (an admin may have changed it since). */
  async replace(row: SealedCredentialsRow, resealed: string): Promise<boolean> {
    const updated = await this.db("model_deployments").where({ model_id: row.modelId, id: row.deploymentId, sealed_credentials: row.sealed }).update({ sealed_credentials: resealed });
    return updated === 1;
  }
}
