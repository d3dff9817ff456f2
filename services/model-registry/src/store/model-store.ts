import { AppError, type Knex } from "@llm-serve/common";
import type { DeploymentHealth, DeploymentRecord, ModelRecord, ModelStatus } from "../domain/model-config.js";
import { deploymentColumns, modelColumns, toDeploymentRecord, toModelRecord, type DeploymentRow, type ModelRow } from "./model-rows.js";

export interface ModelVersionRow {
  version: number;
  change: string;
  snapshot: unknown;
  changedAt: Date;
}

const UNIQUE_VIOLATION = "23505";

/** The model-configuration repository: the only code that sees the registry's SQL. */
export class ModelStore {
  constructor(readonly db: Knex | Knex.Transaction) {}

  /** Runs `work` in one transaction with a store bound to it. */
  transaction<T>(work: (store: ModelStore, trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return (this.db as Knex).transaction((trx) => work(new ModelStore(trx), trx));
  }

  async list(options: { includeDisabled?: boolean } = {}): Promise<ModelRecord[]> {
    const query = this.db<ModelRow>("models").select("*").orderBy("id");
    if (!options.includeDisabled) query.where({ enabled: true });
    return this.#withDeployments(await query);
  }

  /** By id or alias. */
  async findByName(name: string): Promise<ModelRecord | undefined> {
    const row: ModelRow | undefined = await this.db("models").join("model_names", "model_names.model_id", "models.id").where("model_names.name", name).first("models.*");
    return row ? (await this.#withDeployments([row]))[0] : undefined;
  }

  /** Locks the model's row for the rest of the transaction. */
  async findForUpdate(id: string): Promise<ModelRecord | undefined> {
    const row: ModelRow | undefined = await this.db("models").where({ id }).forUpdate().first();
    return row ? (await this.#withDeployments([row]))[0] : undefined;
  }

  async insert(model: ModelRecord): Promise<void> {
    await this.#translateConflicts(model.id, async () => {
      await this.db("models").insert({ ...modelColumns(model), created_at: model.createdAt, updated_at: model.updatedAt });
      await this.#writeChildren(model);
    });
  }

  async replace(model: ModelRecord): Promise<void> {
    await this.#translateConflicts(model.id, async () => {
      await this.db("models").where({ id: model.id }).update({ ...modelColumns(model), updated_at: model.updatedAt });
      await this.db("model_names").where({ model_id: model.id }).delete();
      await this.db("model_deployments").where({ model_id: model.id }).delete();
      await this.#writeChildren(model);
    });
  }

  async delete(id: string): Promise<void> {
    await this.db("models").where({ id }).delete();
  }

  async updateModelStatus(id: string, status: ModelStatus, reason: string): Promise<void> {
    await this.db("models").where({ id }).update({ status, status_reason: reason });
  }

  async updateDeploymentHealth(modelId: string, deploymentId: string, health: DeploymentHealth): Promise<void> {
    await this.db("model_deployments")
      .where({ model_id: modelId, id: deploymentId })
      .update({ status: health.status, status_reason: health.statusReason, checked_at: health.checkedAt, check_latency_ms: health.checkLatencyMs });
  }

  /** The highest version a model of this id ever had (history outlives deletion), 0 if none. */
  async lastVersion(id: string): Promise<number> {
    const row = await this.db("model_versions").where({ model_id: id }).max<{ max: number | null }>("version as max").first();
    return Number(row?.max ?? 0);
  }

  async appendVersion(id: string, version: number, change: string, snapshot: unknown): Promise<void> {
    await this.db("model_versions").insert({ model_id: id, version, change, snapshot: JSON.stringify(snapshot) });
  }

  async versions(id: string): Promise<ModelVersionRow[]> {
    const rows: Array<{ version: number; change: string; snapshot: unknown; changed_at: Date }> = await this.db("model_versions").where({ model_id: id }).orderBy("version");
    return rows.map((row) => ({ version: Number(row.version), change: row.change, snapshot: row.snapshot, changedAt: row.changed_at }));
  }

  async #writeChildren(model: ModelRecord): Promise<void> {
    await this.db("model_names").insert([model.id, ...model.aliases].map((name) => ({ name, model_id: model.id })));
    if (model.deployments.length > 0) {
      await this.db("model_deployments").insert(model.deployments.map((deployment, position) => deploymentColumns(model.id, deployment, position)));
    }
  }

  async #withDeployments(rows: ModelRow[]): Promise<ModelRecord[]> {
    if (rows.length === 0) return [];
    const deploymentRows: DeploymentRow[] = await this.db("model_deployments")
      .whereIn("model_id", rows.map((row) => row.id))
      .orderBy(["model_id", "position"]);
    const byModel = new Map<string, DeploymentRecord[]>();
    for (const row of deploymentRows) {
      const list = byModel.get(row.model_id) ?? [];
      list.push(toDeploymentRecord(row));
      byModel.set(row.model_id, list);
    }
    return rows.map((row) => toModelRecord(row, byModel.get(row.id) ?? []));
  }

  async #translateConflicts(id: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new AppError("conflict", `The name ${id} or one of its aliases is already used by another model.`, { details: { param: "id" }, cause: error });
      }
      throw error;
    }
  }
}
