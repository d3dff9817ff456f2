import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { startBilling, type RunningBilling } from "@llm-serve/billing";
import { createDatabase, type Knex } from "@llm-serve/common";
import { INFRA, captureLogs, startOpenAIMock, uniqueId, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatModel } from "./accounting-harness.js";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";
import { startWebhookReceiver } from "./webhook-receiver.js";

const WEBHOOK_SECRET = "whsec-budget-0123456789abcdef";
/** 1 micro-unit per input token, 2 per output token: a call of 1,000 + 500 tokens costs 2,000 micros. */
const PLAN = { id: "plan-standard", currency: "USD", effective_from: "2026-01-01T00:00:00Z", rules: [{ prices: { input_per_million: 1_000_000, output_per_million: 2_000_000 } }] };
const CALL_MICROS = 2_000;

type Json = Record<string, any>;

function validSignature(header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const expected = createHmac("sha256", WEBHOOK_SECRET).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * ADR 0028: a budget rule fires when a project's spend in billing's ledger crosses its threshold of
 * the period's budget, posts once to a signed webhook, resolves when the budget is raised; its
 * admin API validates like the others and keeps a tenant to its own organization.
 */
describe("budget alert rules", () => {
  const logs = captureLogs("budget-alert", "error");
  let platform: Platform;
  let billing: RunningBilling;
  let vendor: OpenAIMock;
  let keyA: IssuedKey;
  let orgA: string;
  let orgAdminA: string;
  let orgAdminB: string;
  let analyticsDb: Knex;

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${platform.gateway.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const admin = async (method: string, path: string, body?: unknown) => {
    const answer = await call(method, path, platform.adminToken, body);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const orgAdmin = async (orgId: string) => {
    const user = await admin("POST", "/admin/users", { name: "budgets", email: `b-${uniqueId()}@example.com`, role: "org_admin", organization_id: orgId });
    return (await admin("POST", `/admin/users/${user.id}/tokens`, { name: "budgets" })).token as string;
  };
  const chat = async (key: IssuedKey) => {
    const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" }, body: JSON.stringify({ model: "budget-model", messages: [{ role: "user", content: "spend" }] }) });
    await response.arrayBuffer();
    return response.status;
  };
  const spend = async () => expect(await chat(keyA)).toBe(200);
  const ledgerMicros = async () => {
    const report = await admin("GET", `/admin/usage?org_id=${orgA}`);
    return Number(report.totals.cost?.[0]?.amount_micros ?? 0);
  };
  const budgetRule = (fields: Json) => ({ name: "project budget", kind: "budget", threshold: 50, budget_micros: 10_000, currency: "USD", period: "month", project_id: keyA.projectId, ...fields });

  beforeAll(async () => {
    vendor = await startOpenAIMock({ apiKey: "sk-vendor-key-0123456789abcdef" });
    vendor.setScenario({ reply: { usage: { promptTokens: 1_000, completionTokens: 500 } } });
    platform = await startPlatform({ SECRETS_KEY: randomBytes(32).toString("base64"), HEALTH_PROBE_INTERVAL_MS: "0", ALERT_EVALUATION_INTERVAL_MS: "300", ALERT_WEBHOOK_POLL_MS: "100", ALERT_WEBHOOK_BACKOFF_MS: "200" });
    billing = await startBilling({ ...platform.env, DATABASE_SCHEMA: `bl_${platform.isolation}`, BILLING_CLOSE_CHECK_MS: "0", BILLING_MODEL_PLAN_CACHE_MS: "0" }, { logger: logs.logger });
    await billing.consuming;
    analyticsDb = createDatabase({ url: INFRA.databaseUrl, schema: `an_${platform.isolation}`, poolMax: 1 });
    await admin("POST", "/admin/billing/plans", PLAN);
    await admin("POST", "/admin/models", chatModel("budget-model", [vendor], { max_retries: 0 }));
    keyA = await platform.createKey();
    const keyB = await platform.createKey();
    orgA = (await admin("GET", `/admin/projects/${keyA.projectId}`)).organization_id as string;
    orgAdminA = await orgAdmin(orgA);
    orgAdminB = await orgAdmin((await admin("GET", `/admin/projects/${keyB.projectId}`)).organization_id as string);
    // Warmed up with org B's key: org A's ledger holds the scripted spend only.
    await waitFor(async () => (await chat(keyB)) === 200, { description: "the gateway routes budget-model", timeoutMs: 60_000 });
  }, 240_000);
  afterAll(async () => {
    await analyticsDb?.destroy();
    await billing?.stop();
    await platform?.stop();
    await vendor?.close();
  });

  it("refuses malformed budget rules with OpenAI-shaped 400s naming the field", async () => {
    const cases: Array<[Json, string]> = [
      [{ budget_micros: 0 }, "budget_micros"],
      [{ budget_micros: 1.5 }, "budget_micros"],
      [{ currency: "usd" }, "currency"],
      [{ period: "week" }, "period"],
      [{ threshold: 0 }, "threshold"],
      [{ key_id: "__KEY__" }, "key_id"],
      [{ kind: "error_rate", model: "budget-model" }, "budget_micros"],
    ];
    for (const [fields, param] of cases) {
      if (fields.key_id === "__KEY__") fields.key_id = keyA.keyId;
      const answer = await call("POST", "/admin/alerts/rules", platform.adminToken, budgetRule(fields));
      expect(answer.status, JSON.stringify(fields)).toBe(400);
      expect(answer.body.error).toMatchObject({ type: "invalid_request_error", param, message: expect.any(String) });
    }
    const noOrg = await call("POST", "/admin/alerts/rules", platform.adminToken, budgetRule({ project_id: "" }));
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.error).toMatchObject({ param: "org_id" });
  });

  it("keeps a tenant admin out of another organization's budgets", async () => {
    // Org B's admin names org A's project, then org A itself: refused, and nothing is stored.
    const byProject = await call("POST", "/admin/alerts/rules", orgAdminB, budgetRule({}));
    expect([403, 404]).toContain(byProject.status);
    const byOrg = await call("POST", "/admin/alerts/rules", orgAdminB, budgetRule({ project_id: "", org_id: orgA }));
    expect(byOrg.status).toBe(403);
    expect(byOrg.body.error).toMatchObject({ code: "permission_denied", param: "org_id" });
    expect(Number((await analyticsDb("alert_rules").count({ count: "*" }).first())?.count)).toBe(0);
    // Org A's own admin may watch its project.
    const own = await call("POST", "/admin/alerts/rules", orgAdminA, budgetRule({ threshold: 90, name: "own" }));
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ org_id: orgA, kind: "budget", project_id: keyA.projectId, budget_micros: 10_000, period: "month", currency: "USD" });
    // ...and org B's admin can neither read nor change it.
    expect((await call("GET", `/admin/alerts/rules/${own.body.id}`, orgAdminB)).status).toBe(404);
    expect((await call("PUT", `/admin/alerts/rules/${own.body.id}`, orgAdminB, budgetRule({ project_id: "" }))).status).toBe(404);
    await admin("DELETE", `/admin/alerts/rules/${own.body.id}`);
  });

  it("fires once when the period's spend crosses the threshold, and resolves when the budget is raised", async () => {
    const receiver = await startWebhookReceiver(0);
    try {
      const created = await admin("POST", "/admin/alerts/rules", budgetRule({ webhook_url: receiver.url, webhook_secret: WEBHOOK_SECRET }));
      // The project's organization, as auth-key knows it.
      expect(created).toMatchObject({ org_id: orgA, state: "ok" });
      await spend();
      await spend();
      await waitFor(async () => (await ledgerMicros()) === 2 * CALL_MICROS, { description: "billing priced two calls", timeoutMs: 60_000 });
      // 4,000 of 10,000 (40 %): a few evaluations later, still quiet.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await admin("GET", `/admin/alerts/rules/${created.id}`)).state).toBe("ok");
      expect(receiver.received).toHaveLength(0);

      await spend();
      const fired = await waitFor(() => receiver.accepted().find((post) => JSON.parse(post.body).type === "alert.fired"), { description: "the budget rule fires", timeoutMs: 60_000 });
      expect(validSignature(String(fired.headers["llmserve-signature"]), fired.body)).toBe(true);
      expect(JSON.parse(fired.body).alert).toMatchObject({ ruleId: created.id, kind: "budget", orgId: orgA, target: `project:${keyA.projectId}`, value: 60, threshold: 50 });
      expect(JSON.parse(fired.body).alert.summary).toContain("spent 0.006000 USD of a 0.010000 USD month budget");
      expect((await admin("GET", `/admin/alerts/rules/${created.id}`)).state).toBe("firing");

      // Raised to 20,000: 30 %, below the threshold.
      const raised = await admin("PUT", `/admin/alerts/rules/${created.id}`, budgetRule({ budget_micros: 20_000, webhook_url: receiver.url }));
      expect(raised.webhook_secret_set).toBe(true);
      const resolved = await waitFor(() => receiver.accepted().find((post) => JSON.parse(post.body).type === "alert.resolved"), { description: "the budget rule resolves", timeoutMs: 30_000 });
      expect(validSignature(String(resolved.headers["llmserve-signature"]), resolved.body)).toBe(true);
      expect(JSON.parse(resolved.body).alert).toMatchObject({ incidentId: JSON.parse(fired.body).alert.incidentId, value: 30 });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(receiver.accepted().map((post) => JSON.parse(post.body).type)).toEqual(["alert.fired", "alert.resolved"]);
      const events = await waitFor(async () => {
        const rows = await analyticsDb("outbox").where({ message_key: created.id }).whereNotNull("sent_at").select("topic");
        return rows.length === 2 ? rows.map((row: { topic: string }) => row.topic).sort() : undefined;
      }, { description: "both events relayed to Kafka" });
      expect(events).toEqual([`${platform.env.EVENT_NAMESPACE}.llmserve.alert.fired.v1`, `${platform.env.EVENT_NAMESPACE}.llmserve.alert.resolved.v1`]);
    } finally {
      await receiver.close();
    }
  }, 240_000);
});
