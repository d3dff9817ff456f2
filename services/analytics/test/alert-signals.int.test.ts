import { randomUUID } from "node:crypto";
import { KafkaEventBus, TOPICS, createDatabase, createLogger, encodeEvent, type Knex } from "@llm-serve/common";
import { eventsV1 } from "@llm-serve/proto";
import { INFRA, serviceTestEnv, uniqueId, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAnalytics, type RunningAnalytics } from "../src/app.js";
import { evaluateRules } from "../src/alerts/evaluation/alert-evaluator.js";
import { UsageSignals } from "../src/alerts/evaluation/usage-signals.js";
import { AlertRuleStore } from "../src/alerts/store/alert-rule-store.js";
import { IncidentStore } from "../src/alerts/store/incident-store.js";
import { ModelStatusStore } from "../src/alerts/store/model-status-store.js";
import { UsageStore } from "../src/store/usage-store.js";

const isolation = uniqueId("anal");
const schema = `an_${isolation}`;
const logger = createLogger({ service: "test", version: "test", level: "warn" });
/** No budget rule here: billing's ledger is read by the gateway's budget-alert test, on a real billing service. */
const noBilling = { sum: async () => Promise.reject(new Error("billing is not part of this test")) };

/**
 * Issue 17 part 5: each rule kind reads the right signal (p99 latency, quota refusals, a service
 * without a healthy instance, org scoping), and concurrent evaluations — as two analytics instances
 * run them — open one incident and publish one event.
 */
describe("alert rule signals and one incident per firing", () => {
  let analytics: RunningAnalytics;
  let db: Knex;
  let rules: AlertRuleStore;

  const storeEvents = async (events: Array<Partial<eventsV1.UsageRecorded>>) => {
    await new UsageStore(db).insertMany(
      events.map((event) => ({
        envelope: { eventId: randomUUID(), eventType: "usage.recorded", source: "gateway", time: new Date().toISOString(), subject: "", schemaVersion: "1", requestId: "" },
        usage: eventsV1.UsageRecorded.fromPartial({ requestId: randomUUID(), keyId: "key_1", projectId: "proj_1", endpoint: "chat.completions", ...event }),
      })),
    );
  };
  const rule = async (fields: Partial<Parameters<AlertRuleStore["insert"]>[0]>) => {
    const id = `alert_${randomUUID()}`;
    await rules.insert({ id, orgId: "", name: id, kind: "error_rate", model: "", deployment: "", service: "", threshold: 0, windowSeconds: 300, minRequests: 1, webhookUrl: "", webhookSecretSealed: null, enabled: true, budgetMicros: 0, currency: "", period: "", projectId: "", keyId: "", ...fields });
    return id;
  };
  const evaluate = () =>
    evaluateRules({
      rules,
      incidents: new IncidentStore(db),
      sources: { usage: new UsageSignals(db), modelStatuses: new ModelStatusStore(db), nacos: analytics.runtime.nacos, nacosGroup: isolation, costs: noBilling, clock: Date.now },
      events: { source: "analytics", namespace: isolation },
      logger,
      onTransition: () => undefined,
    });
  const firing = async (ruleId: string) => (await rules.find(ruleId, ""))!.state === "firing";

  beforeAll(async () => {
    analytics = await startAnalytics(serviceTestEnv(isolation, { DATABASE_SCHEMA: schema, ALERT_EVALUATION_INTERVAL_MS: "0" }), logger);
    db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 4 });
    rules = new AlertRuleStore(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await analytics?.stop();
  });

  it("fires p99-latency, quota and no-healthy-instance rules on their own signals only", async () => {
    await storeEvents(Array.from({ length: 100 }, (_, index) => ({ orgId: "org_a", model: "m-latency", status: "succeeded", latencyMs: index + 1, deploymentId: "m-latency/d" })));
    await storeEvents(Array.from({ length: 3 }, () => ({ orgId: "org_a", model: "m-quota", status: "failed", errorCode: "quota_exceeded" })));
    const slow = await rule({ kind: "latency_p99", model: "m-latency", threshold: 99, minRequests: 50 });
    const notSlow = await rule({ kind: "latency_p99", model: "m-latency", threshold: 100, minRequests: 50 });
    const quota = await rule({ kind: "quota_exceeded", orgId: "org_a", threshold: 3 });
    const otherOrgQuota = await rule({ kind: "quota_exceeded", orgId: "org_b", threshold: 1 });
    const billingDown = await rule({ kind: "no_healthy_instance", service: "billing" });
    const analyticsUp = await rule({ kind: "no_healthy_instance", service: "analytics" });
    await evaluate();
    expect(await firing(slow)).toBe(true);
    expect(await firing(notSlow)).toBe(false);
    expect(await firing(quota)).toBe(true);
    expect(await firing(otherOrgQuota)).toBe(false);
    expect(await firing(billingDown)).toBe(true);
    expect(await firing(analyticsUp)).toBe(false);
    const incident = await db("alert_incidents").where({ rule_id: slow }).first();
    // percentile_disc over latencies 1..100 ms: the 99th is 99.
    expect(Number(incident.fired_value)).toBe(99);
  });

  it("opens one incident and enqueues one event when evaluations race", async () => {
    await storeEvents(Array.from({ length: 4 }, () => ({ orgId: "org_r", model: "m-race", status: "failed", errorCode: "upstream_error", deploymentId: "m-race/d" })));
    const raced = await rule({ kind: "error_rate", model: "m-race", threshold: 50, minRequests: 2 });
    await Promise.all(Array.from({ length: 6 }, () => evaluate()));
    expect(await db("alert_incidents").where({ rule_id: raced }).select("id")).toHaveLength(1);
    const events = await db("outbox").where({ topic: `${isolation}.llmserve.alert.fired.v1`, message_key: raced }).select("payload");
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].payload)).toMatchObject({ ruleId: raced, kind: "error_rate", target: "model:m-race", value: 100, threshold: 50 });
  });

  it("fires a model_status_error rule from the registry's status events, and resolves when it recovers", async () => {
    const publisher = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: "registry-under-test", logger, namespace: isolation });
    const publishStatus = (status: string, reason: string) =>
      publisher.publish([encodeEvent({ topic: TOPICS.modelStatusChanged, key: "m-status", payload: eventsV1.ModelStatusChanged.fromPartial({ modelId: "m-status", deploymentId: "primary", status, reason }) }, { source: "model-registry", namespace: isolation })]);
    try {
      const watched = await rule({ kind: "model_status_error", model: "m-status" });
      await publishStatus("error", "401 invalid vendor key");
      await waitFor(async () => { await evaluate(); return firing(watched); }, { description: "the rule fires", timeoutMs: 30_000 });
      const fired = await db("outbox").where({ topic: `${isolation}.llmserve.alert.fired.v1`, message_key: watched }).first("payload");
      expect(JSON.parse(fired.payload).summary).toContain("401 invalid vendor key");
      await publishStatus("available", "");
      await waitFor(async () => { await evaluate(); return !(await firing(watched)); }, { description: "the rule resolves", timeoutMs: 30_000 });
    } finally {
      await publisher.close();
    }
  });
});
