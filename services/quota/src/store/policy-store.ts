import type { Knex } from "@llm-serve/common";
import type { QuotaPolicy } from "../domain/quota-policy.js";

export class PolicyStore {
  constructor(private readonly db: Knex) {}

  async find(id: string): Promise<QuotaPolicy | undefined> {
    const row = await this.db("quota_policies").where({ id }).first();
    if (!row) return undefined;
    return {
      id: row.id,
      scope: row.scope,
      scopeId: row.scope_id,
      requestsPerMinute: Number(row.requests_per_minute),
      tokensPerMinute: Number(row.tokens_per_minute),
    };
  }
}
