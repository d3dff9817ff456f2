import type { Knex } from "@llm-serve/common";

export interface ApiKeyRow {
  id: string;
  project_id: string;
  org_id: string;
  status: string;
  allowed_models: string[];
  allowed_endpoints: string[];
  expires_at: Date | null;
}

export class ApiKeyStore {
  constructor(private readonly db: Knex) {}

  async findByHash(keyHash: Buffer): Promise<ApiKeyRow | undefined> {
    return this.db("api_keys")
      .where({ key_hash: keyHash })
      .first("id", "project_id", "org_id", "status", "allowed_models", "allowed_endpoints", "expires_at");
  }
}
