import type { Migration } from "@llm-serve/common";

/** Every dimension of a policy; a NULL limit does not limit (0 blocks). */
export const completePolicies: Migration = {
  name: "0002_complete_quota_policies",
  async up(db, schema) {
    await db.schema.withSchema(schema).alterTable("quota_policies", (table) => {
      table.text("org_id").notNullable().defaultTo("");
      table.text("model").notNullable().defaultTo("");
      table.bigInteger("token_budget_limit").nullable();
      table.text("token_budget_period").nullable();
      table.bigInteger("cost_budget_micros").nullable();
      table.text("cost_budget_period").nullable();
      table.bigInteger("max_concurrent_requests").nullable();
      table.text("fail_mode").notNullable().defaultTo("closed");
      table.specificType("warning_thresholds_bps", "integer[]").notNullable().defaultTo("{}");
      table.text("timezone").notNullable().defaultTo("");
      table.bigInteger("version").notNullable().defaultTo(1);
      table.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.unique(["scope", "scope_id", "model"], { indexName: "quota_policies_subject_model" });
      table.index(["org_id"]);
    });
    // Before this migration 0 meant "no limit".
    await db.raw(
      `ALTER TABLE ??.quota_policies
         ALTER COLUMN requests_per_minute DROP NOT NULL, ALTER COLUMN requests_per_minute DROP DEFAULT,
         ALTER COLUMN tokens_per_minute DROP NOT NULL, ALTER COLUMN tokens_per_minute DROP DEFAULT`,
      [schema],
    );
    await db.raw(`UPDATE ??.quota_policies SET requests_per_minute = NULLIF(requests_per_minute, 0), tokens_per_minute = NULLIF(tokens_per_minute, 0)`, [schema]);
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).alterTable("quota_policies", (table) => {
      table.dropUnique(["scope", "scope_id", "model"], "quota_policies_subject_model");
      table.dropIndex(["org_id"]);
      for (const column of ["org_id", "model", "token_budget_limit", "token_budget_period", "cost_budget_micros", "cost_budget_period", "max_concurrent_requests", "fail_mode", "warning_thresholds_bps", "timezone", "version", "updated_at"]) {
        table.dropColumn(column);
      }
    });
  },
};

/** The durable usage record (from `llmserve.usage.recorded.v1`), source of the counters' rebuild. */
export const createUsageRecords: Migration = {
  name: "0003_create_usage_records",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("usage_records", (table) => {
      // The event id is the idempotency key: a redelivered event is a no-op.
      table.text("event_id").primary();
      table.text("request_id").notNullable();
      table.text("key_id").notNullable();
      table.text("project_id").notNullable();
      table.text("org_id").notNullable();
      table.text("model").notNullable();
      table.bigInteger("total_tokens").notNullable();
      table.bigInteger("cost_micros").notNullable();
      // When the request started: the cycle its reservation was counted in.
      table.timestamp("occurred_at", { useTz: true }).notNullable();
      table.timestamp("recorded_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.index(["key_id", "occurred_at"]);
      table.index(["project_id", "occurred_at"]);
      table.index(["org_id", "occurred_at"]);
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("usage_records");
  },
};

/** One row per published warning / exceeded event: the unique key makes each exactly-once. */
export const createQuotaNotices: Migration = {
  name: "0004_create_quota_notices",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("quota_notices", (table) => {
      table.uuid("event_id").primary();
      // "warning" | "exceeded"
      table.text("kind").notNullable();
      table.text("policy_id").notNullable();
      table.text("subject_id").notNullable();
      table.text("dimension").notNullable();
      table.text("cycle_id").notNullable();
      // 0 for "exceeded".
      table.integer("threshold_bps").notNullable();
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.unique(["kind", "policy_id", "subject_id", "dimension", "cycle_id", "threshold_bps"], { indexName: "quota_notices_once" });
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("quota_notices");
  },
};
