import { randomBytes } from "node:crypto";
import { startBilling, type RunningBilling } from "@llm-serve/billing";
import { createDatabase, type Knex } from "@llm-serve/common";
import { INFRA, captureLogs, startOpenAIMock, uniqueId, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatModel } from "./accounting-harness.js";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

const INPUT_PER_MILLION = 2_500_000;
const OUTPUT_PER_MILLION = 10_000_000;
/** ADR 0018: per ledger line, the exact sum over 1M, rounded up once. */
const lineMicros = (prompt: number, completion: number) => Math.ceil((prompt * INPUT_PER_MILLION + completion * OUTPUT_PER_MILLION) / 1_000_000);
const ACCURACY = 0.01;
const FAST_LATENCIES = [0, 40, 80, 120, 160, 200];

type Json = Record<string, any>;

/** Issue 17's done-when: a scripted workload of known calls, then /v1/usage reports it exactly. */
describe("usage reports of a known workload (GET /v1/usage, GET /admin/usage)", () => {
  const logs = captureLogs("usage-report", "error");
  let platform: Platform;
  let billing: RunningBilling;
  let fast: OpenAIMock;
  let slow: OpenAIMock;
  let keyA: IssuedKey;
  let keyB: IssuedKey;
  let orgA: string;
  let orgAdminToken: string;
  let analyticsDb: Knex;
  let start: string;
  const expected = { requests: 0, succeeded: 0, prompt: 0, completion: 0, total: 0, cost: 0 };
  const costByModel: Record<string, number> = { "rep-fast": 0, "rep-slow": 0 };

  const call = async (path: string, token: string, init: RequestInit = {}) => {
    const response = await fetch(`${platform.gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) } });
    const text = await response.text();
    return { status: response.status, text, headers: response.headers, body: (text.startsWith("{") ? JSON.parse(text) : {}) as Json };
  };
  const admin = async (method: string, path: string, body?: unknown) => {
    const answer = await call(path, platform.adminToken, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text}`);
    return answer.body;
  };
  const chat = (model: string, stream: boolean, key: IssuedKey = keyA) =>
    call("/v1/chat/completions", key.secret, {
      method: "POST",
      body: JSON.stringify({ model, messages: [{ role: "user", content: `hello ${uniqueId()}` }], max_tokens: 16, temperature: 0.3, ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}) }),
    });
  /** Counts a served call's usage (as the client saw it) and its ledger price into the expectation. */
  const served = (model: string, usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number }) => {
    costByModel[model]! += lineMicros(usage.prompt_tokens, usage.completion_tokens);
    expected.requests += 1;
    expected.succeeded += 1;
    expected.prompt += usage.prompt_tokens;
    expected.completion += usage.completion_tokens;
    expected.total += usage.total_tokens;
    expected.cost += lineMicros(usage.prompt_tokens, usage.completion_tokens);
  };

  beforeAll(async () => {
    [fast, slow] = await Promise.all([startOpenAIMock({ apiKey: "sk-vendor-key-0123456789abcdef" }), startOpenAIMock({ apiKey: "sk-vendor-key-0123456789abcdef" })]);
    platform = await startPlatform({ SECRETS_KEY: randomBytes(32).toString("base64"), HEALTH_PROBE_INTERVAL_MS: "0" });
    billing = await startBilling({ ...platform.env, DATABASE_SCHEMA: `bl_${platform.isolation}`, BILLING_CLOSE_CHECK_MS: "0", BILLING_PENDING_RETRY_MS: "0", BILLING_MODEL_PLAN_CACHE_MS: "0" }, { logger: logs.logger });
    await billing.consuming;
    analyticsDb = createDatabase({ url: INFRA.databaseUrl, schema: `an_${platform.isolation}`, poolMax: 1 });
    await admin("POST", "/admin/billing/plans", { id: "plan-standard", currency: "USD", effective_from: "2026-01-01T00:00:00Z", rules: [{ prices: { input_per_million: INPUT_PER_MILLION, output_per_million: OUTPUT_PER_MILLION } }] });
    await admin("POST", "/admin/models", chatModel("rep-fast", [fast], { max_retries: 0 }));
    await admin("POST", "/admin/models", chatModel("rep-slow", [slow], { max_retries: 0 }));
    keyA = await platform.createKey();
    keyB = await platform.createKey();
    orgA = (await admin("GET", `/admin/projects/${keyA.projectId}`)).organization_id as string;
    const user = await admin("POST", "/admin/users", { name: "reports", email: `r-${uniqueId()}@example.com`, role: "org_admin", organization_id: orgA });
    orgAdminToken = (await admin("POST", `/admin/users/${user.id}/tokens`, { name: "reports" })).token as string;
    // Warmed up with the other project's key: keyA's project holds the scripted workload only.
    await waitFor(async () => (await chat("rep-slow", false, keyB)).status === 200 && (await chat("rep-fast", false, keyB)).status === 200, { description: "the gateway routes both models", timeoutMs: 30_000 });
    start = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();

    for (const latencyMs of FAST_LATENCIES) {
      fast.queueScenario({ latencyMs, reply: { usage: { promptTokens: 10 + latencyMs / 40, completionTokens: 3 + latencyMs / 40 } } });
      const answer = await chat("rep-fast", false);
      expect(answer.status).toBe(200);
      served("rep-fast", answer.body.usage);
    }
    for (let index = 0; index < 3; index += 1) {
      slow.queueScenario({ firstEventDelayMs: 250, reply: { usage: { promptTokens: 20, completionTokens: 5 + index } } });
      const answer = await chat("rep-slow", true);
      expect(answer.status).toBe(200);
      const usageLine = answer.text.split("\n").find((line) => line.startsWith("data: {") && line.includes('"usage":{'));
      served("rep-slow", (JSON.parse(usageLine!.slice(6)) as Json).usage);
    }
    fast.queueScenario({ error: { status: 429, type: "rate_limit_error", retryAfterSeconds: 0 } }, { error: { status: 400, type: "invalid_request_error", message: "bad" } });
    expect((await chat("rep-fast", false)).status).toBe(429);
    expect((await chat("rep-fast", false)).status).toBe(400);
    expected.requests += 2;
  }, 240_000);
  afterAll(async () => {
    await analyticsDb?.destroy();
    await billing?.stop();
    await platform?.stop();
    await Promise.all([fast?.close(), slow?.close()]);
  });

  it("reports exactly the calls, tokens, errors and cost, and percentiles within the sketch's accuracy", async () => {
    const report = await waitFor(async () => {
      const answer = await call(`/v1/usage?start=${start}&group_by=model&top=5`, keyA.secret);
      const totals = answer.body.totals as Json | undefined;
      return totals?.requests === expected.requests && totals.cost?.[0]?.amount_micros === expected.cost ? answer.body : undefined;
    }, { description: "every call recorded and priced", timeoutMs: 60_000 });
    expect(report.totals).toMatchObject({
      requests: expected.requests,
      attempts: expected.requests,
      succeeded: expected.succeeded,
      failed: 2,
      success_rate: expected.succeeded / expected.requests,
      errors_by_type: { invalid_request: 1, rate_limit: 1 },
      tokens: { prompt_tokens: expected.prompt, completion_tokens: expected.completion, total_tokens: expected.total },
      cost: [{ currency: "USD", amount_micros: expected.cost }],
    });
    expect(report).toMatchObject({ object: "usage", project_id: keyA.projectId, relative_accuracy: ACCURACY, requests: expected.requests, total_tokens: expected.total });
    const byModel = Object.fromEntries((report.groups as Json[]).map((group) => [group.dimensions.model, group.metrics]));
    expect(byModel["rep-fast"]).toMatchObject({ requests: 8, succeeded: 6, failed: 2 });
    expect(byModel["rep-slow"]).toMatchObject({ requests: 3, succeeded: 3, time_to_first_token_ms: { count: 3 } });
    for (const model of ["rep-fast", "rep-slow"]) expect(byModel[model].cost).toMatchObject([{ currency: "USD", amount_micros: costByModel[model] }]);
    expect(byModel["rep-slow"].time_to_first_token_ms.p50).toBeGreaterThanOrEqual(250 * (1 - ACCURACY));
    expect(report.top_models[0]).toEqual({ name: "rep-fast", requests: 8, total_tokens: expect.any(Number) });

    // The truth: the latencies analytics recorded per request, and their exact percentiles.
    const rows: Array<{ latency_ms: string }> = await analyticsDb("invocation_records").where({ project_id: keyA.projectId, final_attempt: true }).andWhere("occurred_at", ">=", start).select("latency_ms");
    const latencies = rows.map((row) => Number(row.latency_ms)).sort((left, right) => left - right);
    expect(latencies).toHaveLength(expected.requests);
    expect(latencies.at(-1)).toBeGreaterThanOrEqual(250);
    for (const [name, quantile] of [["p50", 0.5], ["p90", 0.9], ["p99", 0.99]] as const) {
      const exact = latencies[Math.floor(quantile * (latencies.length - 1))]!;
      expect(Math.abs(report.totals.latency_ms[name] - exact)).toBeLessThanOrEqual(exact * ACCURACY + 0.01);
    }
  });

  it("carries the ledger's exact cost in every grouping: by provider, by deployment, by status (ADR 0028)", async () => {
    const micros = (cost: Json[] | null) => (cost === null ? null : cost.reduce((sum, amount) => sum + Number(amount.amount_micros), 0));
    const groupsOf = async (groupBy: string) => {
      const answer = await waitFor(async () => {
        const body = (await call(`/v1/usage?start=${start}&group_by=${groupBy}`, keyA.secret)).body;
        return body.totals?.cost?.[0]?.amount_micros === expected.cost ? body : undefined;
      }, { description: `the report grouped by ${groupBy} with its cost`, timeoutMs: 20_000 });
      return (answer.groups as Json[]).map((group) => ({ ...group.dimensions, requests: group.metrics.requests, micros: micros(group.metrics.cost) }));
    };
    expect(await groupsOf("provider")).toEqual([{ provider: "openai", requests: expected.requests, micros: expected.cost }]);
    const byDeployment = await groupsOf("deployment");
    expect(byDeployment).toHaveLength(2);
    for (const model of ["rep-fast", "rep-slow"]) expect(byDeployment.find((group) => String(group.deployment).startsWith(`${model}/`))).toMatchObject({ micros: costByModel[model] });
    const byStatus = Object.fromEntries((await groupsOf("status")).map((group) => [group.status, group]));
    expect(byStatus.succeeded).toMatchObject({ requests: expected.succeeded, micros: expected.cost });
    // The two refused calls carried no tokens: priced at nothing, never a null cost.
    expect(byStatus.failed).toMatchObject({ requests: 2, micros: 0 });
    // Two groupings at once, one of them unknown to the old ledger.
    const filtered = await call(`/v1/usage?start=${start}&group_by=model,status`, keyA.secret);
    const fastSucceeded = (filtered.body.groups as Json[]).find((group) => group.dimensions.model === "rep-fast" && group.dimensions.status === "succeeded");
    expect(micros(fastSucceeded!.metrics.cost)).toBe(costByModel["rep-fast"]);
  }, 120_000);

  it("shows a key only its own project: another project is refused, another project's key finds nothing", async () => {
    const refused = await call(`/v1/usage?project=${keyA.projectId}`, keyB.secret);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "permission_denied", param: "project" });
    const elsewhere = await call(`/v1/usage?key=${keyA.keyId}&start=${start}`, keyB.secret);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.totals).toMatchObject({ requests: 0, tokens: { total_tokens: 0 } });
    const bad = await call("/v1/usage?group_by=planet", keyA.secret);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ type: "invalid_request_error", param: "group_by" });
  });

  it("serves the org's report to its admin as JSON and CSV, and refuses another org", async () => {
    const json = await call(`/admin/usage?start=${start}&group_by=model`, orgAdminToken);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ org_id: orgA, totals: { requests: expected.requests, cost: [{ amount_micros: expected.cost }] } });
    const orgB = (await admin("GET", `/admin/projects/${keyB.projectId}`)).organization_id as string;
    expect((await call(`/admin/usage?org_id=${orgB}`, orgAdminToken)).status).toBe(403);
    const csv = await call(`/admin/usage?start=${start}&group_by=model&format=csv`, orgAdminToken);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^start,end,model,requests,/);
    expect(lines.slice(1).map((line) => line.split(",")[2]).sort()).toEqual(["rep-fast", "rep-slow"]);
  });

  it("pushes {timestamp, metrics} over SSE", async () => {
    const controller = new AbortController();
    const response = await fetch(`${platform.gateway.url}/v1/usage?stream=true&start=${start}`, { headers: { authorization: `Bearer ${keyA.secret}` }, signal: controller.signal });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    let buffer = "";
    const decoder = new TextDecoder();
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      if (buffer.includes("\n\n")) break;
    }
    controller.abort();
    const first = JSON.parse(buffer.slice(buffer.indexOf("data: ") + 6, buffer.indexOf("\n\n"))) as Json;
    expect(Date.parse(first.timestamp)).not.toBeNaN();
    expect(first.metrics.totals.requests).toBe(expected.requests);
  });
});
