import type { Knex } from "@llm-serve/common";

export interface ModelStatusError {
  deploymentId: string;
  reason: string;
}

/** The registry's latest status per model and deployment, as its events told it (alerting's own copy). */
export class ModelStatusStore {
  constructor(private readonly db: Knex) {}

  /** Keeps the newest status; events of one model arrive in order (keyed by model id). */
  async record(change: { modelId: string; deploymentId: string; status: string; reason: string }): Promise<void> {
    await this.db("alert_model_statuses")
      .insert({ model_id: change.modelId, deployment_id: change.deploymentId, status: change.status, reason: change.reason, updated_at: this.db.fn.now() })
      .onConflict(["model_id", "deployment_id"])
      .merge();
  }

  /** The model's (deployment_id '') or its deployments' `error` statuses; one deployment's only when given. */
  async errors(modelId: string, deploymentId?: string): Promise<ModelStatusError[]> {
    let query = this.db("alert_model_statuses").where({ model_id: modelId, status: "error" });
    if (deploymentId !== undefined) query = query.whereIn("deployment_id", ["", deploymentId]);
    const rows: Array<{ deployment_id: string; reason: string }> = await query.select("deployment_id", "reason");
    return rows.map((row) => ({ deploymentId: row.deployment_id, reason: row.reason }));
  }
}
