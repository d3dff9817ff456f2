import type { Migration } from "@llm-serve/common";

/**
 * The alerting tables (ADR 0023): rules, incidents (at most one firing per rule: the unique partial
 * index is what makes two analytics instances open one incident, not two) and webhook deliveries
 * (one per incident and transition).
 */
export const alertTablesMigration: Migration = {
  name: "0100_create_alert_tables",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("alert_rules", (table) => {
      table.text("id").primary();
      table.text("org_id").notNullable();
      table.text("name").notNullable();
      table.text("kind").notNullable();
      table.text("model").notNullable();
      table.text("deployment").notNullable();
      table.text("service").notNullable();
      table.double("threshold").notNullable();
      table.integer("window_seconds").notNullable();
      table.integer("min_requests").notNullable();
      table.text("webhook_url").notNullable();
      // AES-256-GCM under SECRETS_KEY (the secret box), bound to the rule id; null = unsigned.
      table.text("webhook_secret_sealed").nullable();
      table.boolean("enabled").notNullable();
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.index(["org_id", "id"]);
    });
    await db.schema.withSchema(schema).createTable("alert_incidents", (table) => {
      table.uuid("id").primary();
      table.text("rule_id").notNullable().references("id").inTable(`${schema}.alert_rules`).onDelete("CASCADE");
      table.text("state").notNullable();
      table.double("fired_value").notNullable();
      table.double("resolved_value").nullable();
      table.timestamp("fired_at", { useTz: true }).notNullable();
      table.timestamp("resolved_at", { useTz: true }).nullable();
    });
    await db.raw(`CREATE UNIQUE INDEX alert_incidents_one_firing ON ??.alert_incidents (rule_id) WHERE state = 'firing'`, [schema]);
    await db.schema.withSchema(schema).createTable("alert_deliveries", (table) => {
      table.uuid("id").primary();
      table.uuid("incident_id").notNullable().references("id").inTable(`${schema}.alert_incidents`).onDelete("CASCADE");
      table.text("rule_id").notNullable();
      table.text("transition").notNullable();
      table.text("url").notNullable();
      table.text("body").notNullable();
      table.integer("attempts").notNullable().defaultTo(0);
      table.timestamp("next_attempt_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp("delivered_at", { useTz: true }).nullable();
      table.text("last_error").nullable();
      table.unique(["incident_id", "transition"]);
    });
    // The registry's latest status of each model (deployment_id '') and deployment, from its events.
    await db.schema.withSchema(schema).createTable("alert_model_statuses", (table) => {
      table.text("model_id").notNullable();
      table.text("deployment_id").notNullable();
      table.text("status").notNullable();
      table.text("reason").notNullable();
      table.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.primary(["model_id", "deployment_id"]);
    });
    await db.raw(`CREATE INDEX alert_deliveries_due ON ??.alert_deliveries (next_attempt_at) WHERE delivered_at IS NULL`, [schema]);
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("alert_model_statuses");
    await db.schema.withSchema(schema).dropTableIfExists("alert_deliveries");
    await db.schema.withSchema(schema).dropTableIfExists("alert_incidents");
    await db.schema.withSchema(schema).dropTableIfExists("alert_rules");
  },
};
