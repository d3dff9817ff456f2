import type { Knex } from "@llm-serve/common";
import type { ModelRecord } from "../domain/model.js";

interface ModelRow {
  id: string;
  version: number;
  provider_type: string;
  owned_by: string;
  status: string;
  endpoints: string[];
  created_at: Date;
}

function toRecord(row: ModelRow): ModelRecord {
  return {
    id: row.id,
    version: Number(row.version),
    providerType: row.provider_type,
    ownedBy: row.owned_by,
    status: row.status,
    endpoints: row.endpoints,
    createdAt: row.created_at,
  };
}

export class ModelStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<ModelRecord[]> {
    const rows: ModelRow[] = await this.db("models").select("*").orderBy("id");
    return rows.map(toRecord);
  }

  async find(id: string): Promise<ModelRecord | undefined> {
    const row: ModelRow | undefined = await this.db("models").where({ id }).first();
    return row ? toRecord(row) : undefined;
  }

  /** Inserts the model unless one with its id exists (start-up seeding is idempotent). */
  async insertIfMissing(model: Omit<ModelRecord, "createdAt" | "version">): Promise<void> {
    await this.db("models")
      .insert({ id: model.id, provider_type: model.providerType, owned_by: model.ownedBy, status: model.status, endpoints: model.endpoints })
      .onConflict("id")
      .ignore();
  }
}
