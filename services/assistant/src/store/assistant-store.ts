import type { Knex } from "@llm-serve/common";
import type { AssistantRecord } from "../domain/assistant.js";

export class AssistantStore {
  constructor(private readonly db: Knex) {}

  async find(id: string): Promise<AssistantRecord | undefined> {
    const row = await this.db("assistants").where({ id }).first();
    return row ? { id: row.id, model: row.model, name: row.name, createdAt: row.created_at } : undefined;
  }
}
