import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { NacosClient, createDatabase, createLogger } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { startAnalytics } from "@llm-serve/analytics";
import { startBilling, type RunningBilling } from "@llm-serve/billing";
import { modelRegistryV1 } from "@llm-serve/proto";
import { INFRA, startOpenAIMock, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";
import { startServiceProcess } from "./service-process.js";
import { startWebhookReceiver } from "./webhook-receiver.js";

const VENDOR_KEY = "sk-vendor-key-0123456789abcdef";
const WEBHOOK_SECRET = "whsec-test-0123456789abcdef";

/** What a receiver does with `llmserve-signature: t=<unix>,v1=<hex>` (docs/alerts.md): HMAC-SHA256 of `<t>.<body>`. */
function validSignature(header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const expected = createHmac("sha256", WEBHOOK_SECRET).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

const modelInput = (id: string, baseUrl: string) =>
  modelRegistryV1.ModelInput.fromPartial({
    id,
    pricePlanId: "plan-standard",
    capability: { endpoints: ["chat.completions"], contextWindow: 128_000, maxOutputTokens: 4_096, supportsStreaming: true },
    runtime: { maxRetries: 0 },
    deployments: [{ id: "only", providerType: "openai", baseUrl, credentials: { apiKey: VENDOR_KEY }, upstreamModel: "gpt-4o" }],
  });

/** The `data:` events of an SSE answer as they arrive. */
function openStream(url: string, secret: string) {
  const events: Array<Record<string, any>> = [];
  const controller = new AbortController();
  const done = (async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${secret}`, accept: "text/event-stream" }, signal: controller.signal });
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith("data: ")) events.push(JSON.parse(frame.slice(6)) as Record<string, any>);
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return { events, close: () => controller.abort(), done };
}

/** The sum of the samples of `name` whose labels include `labels` (Prometheus text format). */
function sampleOf(metrics: string, name: string, labels: Record<string, string>): number | undefined {
  let sum: number | undefined;
  for (const line of metrics.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    if (!Object.entries(labels).every(([label, value]) => line.includes(`${label}="${value}"`))) continue;
    sum = (sum ?? 0) + Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return sum;
}

/**
 * Issue 17 part 3: /v1/status tells the truth — a failing upstream changes its model's status within
 * seconds; the SSE stream shows each service's instances from Nacos, and an instance that goes away
 * disappears from it when its process is killed; Postgres, Redis and Kafka are reported. Part 4: the GenAI metrics on /metrics.
 */
describe("live status and GenAI metrics", () => {
  let platform: Platform;
  let key: IssuedKey;
  let upstream: OpenAIMock;
  let alertUpstream: OpenAIMock;
  let billing: RunningBilling;
  const logger = createLogger({ service: "test", version: "test", level: "warn" });
  let resolver: NacosResolver;

  const status = async () => {
    const response = await fetch(`${platform.gateway.url}/v1/status`, { headers: { authorization: `Bearer ${key.secret}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, any>;
  };
  const chat = async (model: string, stream = false) => {
    const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model, stream, messages: [{ role: "user", content: "hello" }] }),
    });
    await response.arrayBuffer();
    return response.status;
  };

  beforeAll(async () => {
    [upstream, alertUpstream] = await Promise.all([startOpenAIMock({ apiKey: VENDOR_KEY }), startOpenAIMock({ apiKey: VENDOR_KEY })]);
    platform = await startPlatform({
      SECRETS_KEY: randomBytes(32).toString("base64"),
      HEALTH_PROBE_INTERVAL_MS: "0",
      GATEWAY_MONITOR_INTERVAL_MS: "200",
      GATEWAY_STATUS_CACHE_MS: "200",
      ROUTING_CIRCUIT_MIN_REQUESTS: "3",
      ROUTING_CIRCUIT_COOLDOWN_MS: "60000",
      QUOTA_POLICY_REFRESH_MS: "300",
      ALERT_EVALUATION_INTERVAL_MS: "300",
      ALERT_WEBHOOK_POLL_MS: "100",
      ALERT_WEBHOOK_BACKOFF_MS: "200",
    });
    billing = await startBilling({ ...platform.env, DATABASE_SCHEMA: `bi_${platform.isolation}`, BILLING_CLOSE_CHECK_MS: "0", BILLING_MODEL_PLAN_CACHE_MS: "0" });
    const plan = { id: "plan-standard", currency: "USD", effective_from: "2026-01-01T00:00:00Z", rules: [{ prices: { input_per_million: 1_000_000, output_per_million: 2_000_000 } }] };
    const created = await fetch(`${platform.gateway.url}/admin/billing/plans`, { method: "POST", headers: { authorization: `Bearer ${platform.adminToken}`, "content-type": "application/json" }, body: JSON.stringify(plan) });
    expect(created.status).toBe(201);
    key = await platform.createKey();
    resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "model-registry", group: platform.isolation, logger, refreshMs: 500 });
    const registry = createServiceClient(modelRegistryV1.ModelRegistryServiceService, { service: "model-registry", resolver, logger, deadlineMs: 20_000 });
    await registry.createModel({ model: modelInput("status-model", upstream.baseUrl) });
    await registry.createModel({ model: modelInput("alert-model", alertUpstream.baseUrl) });
    registry.close();
    await waitFor(async () => (await chat("status-model")) === 200, { description: "the gateway serves status-model", timeoutMs: 30_000 });
    // One streamed answer while the upstream is healthy: its time to first token is measured.
    expect(await chat("status-model", true)).toBe(200);
  }, 120_000);

  afterAll(async () => {
    resolver?.close();
    await billing?.stop();
    await platform?.stop();
    await upstream?.close();
    await alertUpstream?.close();
  });

  it("reports a model whose upstream starts failing as no longer available, within seconds", async () => {
    const before = (await status()).models.find((model: { id: string }) => model.id === "status-model");
    expect(before).toMatchObject({ status: "available", deployments: [{ id: "only", status: "available", circuit: "closed", registry_status: "available" }] });
    upstream.setScenario({ error: { status: 503 } });
    const failedAt = performance.now();
    for (let request = 0; request < 3; request += 1) expect(await chat("status-model")).toBeGreaterThanOrEqual(500);
    const after = await waitFor(
      async () => {
        const model = (await status()).models.find((entry: { id: string }) => entry.id === "status-model");
        return model.status !== "available" ? model : undefined;
      },
      { description: "status-model is no longer reported available", timeoutMs: 10_000 },
    );
    const seconds = (performance.now() - failedAt) / 1000;
    expect(seconds).toBeLessThan(10);
    expect(after.status).toBe("unavailable");
    expect(after.deployments[0]).toMatchObject({ circuit: "open", recent_failures: 3 });
    // The window also holds the successful answers that preceded the failures.
    expect(after.deployments[0].error_rate).toBeGreaterThanOrEqual(0.5);
    upstream.resetScenario();
  });

  it("reports Postgres, Redis and Kafka, and each service's instances with their health", async () => {
    const body = await status();
    expect(body.infrastructure).toMatchObject({ postgres: { status: "up" }, redis: { status: "up" }, kafka: { status: "up" } });
    expect(body.services.analytics).toMatchObject({ status: "up", healthy_instances: 1 });
    expect(body.services.analytics.instances[0]).toMatchObject({ healthy: true });
    expect(body.services.assistant).toMatchObject({ status: "down", healthy_instances: 0, instances: [] });
  });

  it("shows a killed service instance (SIGKILL of its own process) unhealthy within 30 s, then gone, in the SSE stream", async () => {
    const stream = openStream(`${platform.gateway.url}/v1/status`, key.secret);
    const instancesOf = (event: Record<string, any> | undefined) => (event?.status?.services?.["model-registry"]?.instances ?? []) as Array<{ id: string; healthy: boolean }>;
    const child = startServiceProcess("model-registry", { ...platform.env, DATABASE_SCHEMA: `mr_${platform.isolation}` });
    try {
      await waitFor(() => stream.events.length > 0, { description: "a first push" });
      const inProcess = new Set(instancesOf(stream.events.at(-1)).map((instance) => instance.id));
      const second = await waitFor(() => instancesOf(stream.events.at(-1)).find((instance) => !inProcess.has(instance.id) && instance.healthy), { description: "the child process's instance appears", timeoutMs: 60_000 });
      await child.kill();
      const killedAt = performance.now();
      const seen = () => instancesOf(stream.events.at(-1)).find((instance) => instance.id === second.id);
      // Nacos marks a silent ephemeral instance unhealthy after its beat timeout (15 s by default)
      // and deletes it after its delete timeout (30 s): the stream shows it unhealthy (or already gone), then gone.
      await waitFor(() => seen()?.healthy !== true, { description: "the killed instance is no longer healthy", timeoutMs: 30_000 });
      const unhealthySeconds = (performance.now() - killedAt) / 1000;
      await waitFor(() => seen() === undefined, { description: "the killed instance disappears", timeoutMs: 60_000 });
      const goneSeconds = (performance.now() - killedAt) / 1000;
      console.info(`killed instance: not healthy after ${unhealthySeconds.toFixed(1)} s, gone after ${goneSeconds.toFixed(1)} s`);
      expect(unhealthySeconds).toBeLessThanOrEqual(30);
      expect(goneSeconds).toBeLessThanOrEqual(60);
      expect(instancesOf(stream.events.at(-1)).map((instance) => instance.id).sort()).toEqual([...inProcess].sort());
      expect(stream.events.at(-1)).toHaveProperty("timestamp");
    } finally {
      await child.kill();
      stream.close();
      await stream.done;
    }
  }, 150_000);

  it("exports the GenAI metrics: attempts, tokens by type, duration, time to first token, upstream errors, circuit state", async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${platform.gateway.metricsPort}/metrics`)).text();
    const model = { gen_ai_operation_name: "chat", gen_ai_provider_name: "openai", gen_ai_request_model: "status-model" };
    expect(sampleOf(metrics, "gen_ai_client_token_usage_count", { ...model, gen_ai_token_type: "input" })).toBeGreaterThan(0);
    expect(sampleOf(metrics, "llmserve_gen_ai_tokens_total", { ...model, gen_ai_token_type: "output" })).toBeGreaterThan(0);
    expect(sampleOf(metrics, "gen_ai_client_operation_duration_seconds_count", { ...model, error_type: "none" })).toBeGreaterThan(0);
    expect(sampleOf(metrics, "gen_ai_server_time_to_first_token_seconds_count", model)).toBe(1);
    expect(sampleOf(metrics, "llmserve_upstream_errors_total", model)).toBe(3);
    expect(sampleOf(metrics, "llmserve_routing_circuit_state", { deployment: "status-model/only" })).toBe(2);

    // Every metric the Grafana dashboard queries is one the running gateway exports.
    const dashboard = JSON.parse(readFileSync(new URL("../../../deploy/grafana/llm-serve-genai.json", import.meta.url), "utf8")) as { panels: Array<{ targets: Array<{ expr: string }> }>; templating: { list: Array<{ query?: string | { query: string } }> } };
    const queries = [...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)), ...dashboard.templating.list.map((variable) => (typeof variable.query === "object" ? variable.query.query : ""))];
    // Label names are not metrics: drop grouping clauses, selectors and label_values' label argument first.
    const metricPart = (query: string) => query.replace(/\b(by|without)\s*\([^)]*\)/g, "").replace(/\{[^}]*\}/g, "").replace(/,\s*[a-z_]+\)/g, ")");
    const queried = new Set(queries.flatMap((query) => [...metricPart(query).matchAll(/\b((?:gen_ai|llmserve)_[a-z0-9_]+)/g)].map((match) => match[1]!.replace(/_(bucket|sum|count)$/, ""))));
    expect(queried.size).toBeGreaterThanOrEqual(8);
    // Cost comes from billing's ledger: its running sum per model is on billing's /metrics.
    const billingMetrics = await waitFor(async () => {
      const text = await (await fetch(`http://127.0.0.1:${billing.metricsPort}/metrics`)).text();
      return (sampleOf(text, "llmserve_billing_cost_micros_total", { model: "status-model", currency: "USD" }) ?? 0) > 0 ? text : undefined;
    }, { description: "billing priced the served requests", timeoutMs: 30_000 });
    const exported = new Set([...`${metrics}\n${billingMetrics}`.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]));
    expect([...queried].filter((name) => !exported.has(name))).toEqual([]);
  });

  it("fires an error-rate rule within its window, posts once to a signed webhook (two analytics instances), and resolves after recovery", async () => {
    const receiver = await startWebhookReceiver(1);
    const second = await startAnalytics({ ...platform.env, DATABASE_SCHEMA: `an_${platform.isolation}`, ALERT_EVALUATION_INTERVAL_MS: "300", ALERT_WEBHOOK_POLL_MS: "100", ALERT_WEBHOOK_BACKOFF_MS: "200" });
    const db = createDatabase({ url: platform.env.DATABASE_URL!, schema: `an_${platform.isolation}` });
    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${platform.gateway.url}${path}`, { method, headers: { authorization: `Bearer ${platform.adminToken}`, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    try {
      const created = await admin("POST", "/admin/alerts/rules", { name: "alert-model errors", kind: "error_rate", model: "alert-model", threshold: 50, window_seconds: 5, min_requests: 2, webhook_url: receiver.url, webhook_secret: WEBHOOK_SECRET });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ object: "alert_rule", state: "ok", webhook_secret_set: true });
      expect(JSON.stringify(created.body)).not.toContain(WEBHOOK_SECRET);
      const ruleId = created.body.id as string;
      // Stored sealed, never in plain text.
      expect(JSON.stringify(await db("alert_rules").where({ id: ruleId }).first())).not.toContain(WEBHOOK_SECRET);

      alertUpstream.setScenario({ error: { status: 503 } });
      const failedAt = performance.now();
      for (let request = 0; request < 2; request += 1) expect(await chat("alert-model")).toBeGreaterThanOrEqual(500);
      const fired = await waitFor(() => receiver.accepted().find((post) => JSON.parse(post.body).type === "alert.fired"), { description: "the fired webhook is accepted", timeoutMs: 20_000 });
      const firedSeconds = (performance.now() - failedAt) / 1000;
      // The first delivery was answered 503: the same delivery was retried.
      expect(receiver.received[0]!.status).toBe(503);
      expect(receiver.received[0]!.headers["llmserve-delivery"]).toBe(fired.headers["llmserve-delivery"]);
      expect(validSignature(String(fired.headers["llmserve-signature"]), fired.body)).toBe(true);
      expect(validSignature(String(fired.headers["llmserve-signature"]), fired.body.replace("alert-model", "other-model"))).toBe(false);
      const firedAlert = JSON.parse(fired.body).alert;
      expect(firedAlert).toMatchObject({ ruleId, kind: "error_rate", target: "model:alert-model", value: 100, threshold: 50 });
      expect((await admin("GET", `/admin/alerts/rules/${ruleId}`)).body.state).toBe("firing");

      alertUpstream.resetScenario();
      for (let request = 0; request < 4; request += 1) expect(await chat("alert-model")).toBe(200);
      const resolved = await waitFor(() => receiver.accepted().find((post) => JSON.parse(post.body).type === "alert.resolved"), { description: "the resolved webhook is accepted", timeoutMs: 20_000 });
      expect(validSignature(String(resolved.headers["llmserve-signature"]), resolved.body)).toBe(true);
      expect(JSON.parse(resolved.body).alert.incidentId).toBe(firedAlert.incidentId);
      // Two evaluators ran all along: still one incident, one accepted post per transition.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(receiver.accepted().map((post) => JSON.parse(post.body).type)).toEqual(["alert.fired", "alert.resolved"]);
      // The rule's firing history, as the admin API lists it: the one incident, fired and resolved.
      const history = (await admin("GET", `/admin/alerts/rules/${ruleId}/incidents`)).body;
      expect(history).toMatchObject({ object: "list", has_more: false, data: [{ object: "alert_incident", id: firedAlert.incidentId, rule_id: ruleId, state: "resolved", fired_value: 100 }] });
      expect(Date.parse(history.data[0].resolved_at)).toBeGreaterThanOrEqual(Date.parse(history.data[0].fired_at));
      expect((await admin("GET", `/admin/alerts/rules/${ruleId}/incidents?after=not-an-id`)).status).toBe(400);
      // The page after the only incident is empty.
      expect((await admin("GET", `/admin/alerts/rules/${ruleId}/incidents?after=${firedAlert.incidentId}`)).body).toMatchObject({ data: [], has_more: false });
      expect(Number((await db("alert_incidents").where({ rule_id: ruleId }).count({ count: "*" }).first())?.count)).toBe(1);
      const events = await waitFor(async () => {
        const rows = await db("outbox").whereIn("topic", [`${platform.env.EVENT_NAMESPACE}.llmserve.alert.fired.v1`, `${platform.env.EVENT_NAMESPACE}.llmserve.alert.resolved.v1`]).whereNotNull("sent_at").select("topic");
        return rows.length === 2 ? rows : undefined;
      }, { description: "both alert events relayed to Kafka" });
      expect(events).toHaveLength(2);
      expect((await admin("GET", "/admin/alerts/rules")).body.data.map((rule: { id: string }) => rule.id)).toContain(ruleId);
      console.info(`alert fired ${firedSeconds.toFixed(1)} s after the first failure`);
    } finally {
      await second.stop();
      await db.destroy();
      await receiver.close();
    }
  });
});
