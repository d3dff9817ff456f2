import { createDatabase, migrateToLatest, type Knex } from "@llm-serve/common";
import { INFRA, uniqueId } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertRule } from "../src/alerts/domain/alert-rule.js";
import { UsageSignals } from "../src/alerts/evaluation/usage-signals.js";
import { migrations } from "../src/migrations/index.js";

const schema = `an_${uniqueId("anidx")}`;

interface PgConnection {
  query(sql: string, values: readonly unknown[]): Promise<{ rows: Array<{ "QUERY PLAN": string }> }>;
}

const rule = (fields: Partial<AlertRule>): AlertRule => ({
  id: "alert_x", orgId: "", name: "x", kind: "error_rate", model: "", deployment: "", service: "", threshold: 50, windowSeconds: 300, minRequests: 1, webhookUrl: "", webhookSecretSealed: null, enabled: true,
  budgetMicros: 0, currency: "", period: "", projectId: "", keyId: "", state: "ok", createdAt: new Date(), updatedAt: new Date(), ...fields,
});

/** ADR 0028: the evaluator's window query reads usage_events through the time index, not the whole table. */
describe("the alert evaluator's window uses the usage events' time index", () => {
  let db: Knex;

  beforeAll(async () => {
    db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
    await migrateToLatest(db, schema, migrations);
    // 50,000 events of the last 30 days (100 orgs), then ANALYZE: the planner sees a table worth indexing.
    await db.raw(
      `INSERT INTO usage_events (event_id, request_id, key_id, project_id, org_id, model, provider, endpoint, status, prompt_tokens, completion_tokens, total_tokens, estimated, envelope, payload, received_at)
       SELECT 'ev' || n, 'req' || n, 'key', 'proj', 'org_' || (n % 100), 'm', 'openai', 'chat.completions', 'succeeded', 1, 1, 2, false, '{}', '{"latencyMs": 10}', now() - (n || ' seconds')::interval * 50
       FROM generate_series(1, 50000) AS n`,
    );
    await db.raw("ANALYZE usage_events");
  });
  afterAll(async () => {
    await db?.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await db?.destroy();
  });

  const planOf = async (measure: (signals: UsageSignals) => Promise<unknown>) => {
    const queries: Array<{ sql: string; bindings: readonly unknown[] }> = [];
    const listener = (query: { sql: string; bindings: readonly unknown[] }) => queries.push(query);
    db.on("query", listener);
    try {
      await measure(new UsageSignals(db));
    } finally {
      db.removeListener("query", listener);
    }
    expect(queries).toHaveLength(1);
    // The query as the evaluator sent it (native $n parameters), explained on a connection of the pool.
    const client = db.client as { acquireConnection(): Promise<PgConnection>; releaseConnection(connection: PgConnection): Promise<void> };
    const connection = await client.acquireConnection();
    try {
      const result = await connection.query(`EXPLAIN ${queries[0]!.sql}`, queries[0]!.bindings);
      return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
    } finally {
      await client.releaseConnection(connection);
    }
  };

  it("plans every signal's window as an index scan, platform-wide and per org", async () => {
    for (const measure of [(signals: UsageSignals) => signals.errorRate(rule({})), (signals: UsageSignals) => signals.latencyP99(rule({ orgId: "org_7" })), (signals: UsageSignals) => signals.quotaRefusals(rule({ orgId: "org_7", model: "m" }))]) {
      const plan = await planOf(measure);
      expect(plan).toMatch(/Index Scan using usage_events_received_at on usage_events/);
      expect(plan).not.toMatch(/Seq Scan on usage_events/);
    }
  });
});
