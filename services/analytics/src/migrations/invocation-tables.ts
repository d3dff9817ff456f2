import type { Migration } from "@llm-serve/common";

/**
 * Invocation records (one per usage event, range-partitioned by day on the usage's time; the
 * service creates partitions ahead and drops those past the retention) and the minute / hour / day
 * rollups with their latency and TTFT sketches (ADR 0022).
 */
export const createInvocationTables: Migration = {
  name: "0002_create_invocation_records_and_rollups",
  async up(db, schema) {
    // The primary key must hold the partition key; the time is derived from the event, so a
    // redelivered event has the same (event_id, occurred_at) and is still a conflict.
    await db.raw(
      `CREATE TABLE ??.invocation_records (
        event_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        request_id text NOT NULL,
        org_id text NOT NULL,
        project_id text NOT NULL,
        key_id text NOT NULL,
        model text NOT NULL,
        provider text NOT NULL,
        deployment_id text NOT NULL,
        endpoint text NOT NULL,
        attempt integer NOT NULL,
        served boolean NOT NULL,
        final_attempt boolean NOT NULL,
        status text NOT NULL,
        outcome text NOT NULL,
        error_code text NOT NULL,
        error_type text NOT NULL,
        vendor_status integer NOT NULL,
        vendor_code text NOT NULL,
        http_status integer NOT NULL,
        stream boolean NOT NULL,
        latency_ms bigint NOT NULL,
        time_to_first_token_ms bigint NOT NULL,
        prompt_tokens bigint NOT NULL,
        completion_tokens bigint NOT NULL,
        total_tokens bigint NOT NULL,
        cached_prompt_tokens bigint NOT NULL,
        reasoning_tokens bigint NOT NULL,
        audio_milliseconds bigint NOT NULL,
        images bigint NOT NULL,
        estimated boolean NOT NULL,
        parameters jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, occurred_at)
      ) PARTITION BY RANGE (occurred_at)`,
      [schema],
    );
    await db.raw("CREATE INDEX ON ??.invocation_records (project_id, occurred_at)", [schema]);
    await db.raw("CREATE INDEX ON ??.invocation_records (request_id)", [schema]);
    await db.schema.withSchema(schema).createTable("usage_rollups", (table) => {
      table.text("granularity").notNullable();
      table.timestamp("bucket_start", { useTz: true }).notNullable();
      table.text("org_id").notNullable();
      table.text("project_id").notNullable();
      table.text("key_id").notNullable();
      table.text("model").notNullable();
      table.text("provider").notNullable();
      table.text("deployment_id").notNullable();
      table.text("status").notNullable();
      table.text("error_kind").notNullable();
      table.bigInteger("requests").notNullable();
      table.bigInteger("attempts").notNullable();
      for (const column of ROLLUP_TOKEN_COLUMNS) table.bigInteger(column).notNullable();
      table.bigInteger("latency_sum_ms").notNullable();
      table.bigInteger("ttft_sum_ms").notNullable();
      // DDSketch protobuf bytes (relative accuracy 1%), merged on every write.
      table.binary("latency_sketch").nullable();
      table.binary("ttft_sketch").nullable();
      table.primary(["granularity", "bucket_start", "org_id", "project_id", "key_id", "model", "provider", "deployment_id", "status", "error_kind"]);
      table.index(["granularity", "org_id", "project_id", "bucket_start"]);
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("usage_rollups");
    await db.schema.withSchema(schema).dropTableIfExists("invocation_records");
  },
};

export const ROLLUP_TOKEN_COLUMNS = ["prompt_tokens", "completion_tokens", "total_tokens", "cached_prompt_tokens", "reasoning_tokens", "audio_milliseconds", "images"] as const;
