import type { Knex } from "@llm-serve/common";
import type { PricePlan } from "../domain/price-plan.js";

export class PricePlanStore {
  constructor(private readonly db: Knex) {}

  async find(id: string): Promise<PricePlan | undefined> {
    const row = await this.db("price_plans").where({ id }).first();
    if (!row) return undefined;
    return {
      id: row.id,
      currency: row.currency,
      promptMicrosPerMillionTokens: Number(row.prompt_micros_per_million_tokens),
      completionMicrosPerMillionTokens: Number(row.completion_micros_per_million_tokens),
    };
  }
}
