import type { Migration } from "@llm-serve/common";
import { DEFAULT_CAPABILITY, DEFAULT_ROUTING, DEFAULT_RUNTIME } from "../domain/model-defaults.js";

interface LegacyModelRow {
  id: string;
  provider_type: string;
  endpoints: string[];
}

/**
 * The ModelConfig aggregate: model columns for its value objects, deployments, the name table that
 * keeps ids and aliases unique together, and the version history. Rows from 0001 become models with
 * one default deployment of their provider.
 */
export const modelConfigsMigration: Migration = {
  name: "0002_model_configs_deployments_versions",
  async up(db, schema) {
    await db.schema.withSchema(schema).alterTable("models", (table) => {
      table.specificType("aliases", "text[]").notNullable().defaultTo("{}");
      table.text("description").notNullable().defaultTo("");
      table.boolean("enabled").notNullable().defaultTo(true);
      table.text("status_reason").notNullable().defaultTo("");
      table.jsonb("capability").notNullable().defaultTo(JSON.stringify(DEFAULT_CAPABILITY));
      table.jsonb("runtime").notNullable().defaultTo(JSON.stringify(DEFAULT_RUNTIME));
      table.jsonb("routing").notNullable().defaultTo(JSON.stringify(DEFAULT_ROUTING));
      table.text("price_plan_id").notNullable().defaultTo("default");
    });
    await db.schema.withSchema(schema).createTable("model_deployments", (table) => {
      table.text("model_id").notNullable().references("id").inTable(`${schema}.models`).onDelete("CASCADE");
      table.text("id").notNullable();
      table.integer("position").notNullable();
      table.text("provider_type").notNullable();
      table.text("base_url").notNullable().defaultTo("");
      table.jsonb("options").notNullable().defaultTo("{}");
      table.text("sealed_credentials").nullable();
      table.jsonb("credentials_hint").notNullable().defaultTo("{}");
      table.text("upstream_model").notNullable();
      table.integer("weight").notNullable().defaultTo(1);
      table.integer("priority").notNullable().defaultTo(0);
      table.specificType("tags", "text[]").notNullable().defaultTo("{}");
      table.bigInteger("rpm").notNullable().defaultTo(0);
      table.bigInteger("tpm").notNullable().defaultTo(0);
      table.boolean("enabled").notNullable().defaultTo(true);
      table.text("status").notNullable().defaultTo("unknown");
      table.text("status_reason").notNullable().defaultTo("");
      table.timestamp("checked_at", { useTz: true }).nullable();
      table.integer("check_latency_ms").notNullable().defaultTo(0);
      table.primary(["model_id", "id"]);
    });
    await db.schema.withSchema(schema).createTable("model_names", (table) => {
      table.text("name").primary();
      table.text("model_id").notNullable().references("id").inTable(`${schema}.models`).onDelete("CASCADE");
    });
    await db.schema.withSchema(schema).createTable("model_versions", (table) => {
      table.text("model_id").notNullable();
      table.bigInteger("version").notNullable();
      table.text("change").notNullable();
      table.jsonb("snapshot").notNullable();
      table.timestamp("changed_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.primary(["model_id", "version"]);
    });
    const legacy: LegacyModelRow[] = await db.withSchema(schema).table("models").select("id", "provider_type", "endpoints");
    for (const row of legacy) {
      await db.withSchema(schema).table("models").where({ id: row.id }).update({ capability: JSON.stringify({ ...DEFAULT_CAPABILITY, endpoints: row.endpoints }) });
      await db.withSchema(schema).table("model_names").insert({ name: row.id, model_id: row.id });
      await db.withSchema(schema).table("model_deployments").insert({ model_id: row.id, id: "default", position: 0, provider_type: row.provider_type, upstream_model: row.id });
    }
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("model_versions");
    await db.schema.withSchema(schema).dropTableIfExists("model_names");
    await db.schema.withSchema(schema).dropTableIfExists("model_deployments");
    await db.schema.withSchema(schema).alterTable("models", (table) => {
      table.dropColumns("aliases", "description", "enabled", "status_reason", "capability", "runtime", "routing", "price_plan_id");
    });
  },
};
