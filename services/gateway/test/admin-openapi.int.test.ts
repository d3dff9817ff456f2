import { randomBytes } from "node:crypto";
import { Validator } from "@seriousme/openapi-schema-validator";
import { startBilling, type RunningBilling } from "@llm-serve/billing";
import { startOpenAIMock, uniqueId, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredRoutes } from "../src/openapi/registered-routes.js";
import { AdminDescription } from "./admin-description.js";
import { startPlatform, type Platform } from "./platform-fixture.js";

const VENDOR_KEY = "sk-vendor-key-openapi-0123456789";

/**
 * The admin API against its own description, on the real platform: the description is valid
 * OpenAPI 3.1, every route express serves under /admin is described, and every route is called
 * here, its answers (successes and errors) validated against the schema stated for their status.
 */
describe("the admin API's OpenAPI description", () => {
  let platform: Platform;
  let vendor: OpenAIMock;
  let description: AdminDescription;
  let billing: RunningBilling;
  /** Billing's clock: moved a month on to close a cycle. */
  let clock: () => number = Date.now;
  const problems: string[] = [];

  const call = async (method: string, path: string, options: { token?: string | null; body?: unknown } = {}) => {
    const token = options.token === undefined ? platform.adminToken : options.token;
    const response = await fetch(`${platform.gateway.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(options.body === undefined ? {} : { "content-type": "application/json" }) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const body = (await response.json()) as Record<string, any>;
    problems.push(...description.problems(method, path, response.status, body));
    return { status: response.status, body };
  };

  beforeAll(async () => {
    vendor = await startOpenAIMock({ apiKey: VENDOR_KEY });
    platform = await startPlatform({ SECRETS_KEY: randomBytes(32).toString("base64"), HEALTH_PROBE_INTERVAL_MS: "0" });
    billing = await startBilling(
      { ...platform.env, DATABASE_SCHEMA: `bl_${platform.isolation}`, BILLING_CLOSE_CHECK_MS: "0", BILLING_PENDING_RETRY_MS: "0", BILLING_MODEL_PLAN_CACHE_MS: "0" },
      { clock: () => clock() },
    );
    await billing.consuming;
    const response = await fetch(`${platform.gateway.url}/admin/openapi.json`);
    expect(response.status).toBe(200);
    description = new AdminDescription((await response.json()) as Record<string, any>);
  });

  afterAll(async () => {
    await billing?.stop();
    await platform?.stop();
    await vendor?.close();
  });

  it("is served without a token and validates as OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(description.document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every route express serves under /admin, and nothing it does not serve", () => {
    const served = registeredRoutes(platform.gateway.httpApp)
      .filter((route) => route.path.startsWith("/admin/"))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`)
      .sort();
    const described = description.templates().map((operation) => `${operation.method} ${operation.template}`).sort();
    expect(served.length).toBeGreaterThan(40);
    expect(described).toEqual(served);
  });

  it("answers every auth route as described, successes and errors", async () => {
    await call("GET", "/admin/openapi.json", { token: null });
    expect((await call("GET", "/admin/me")).status).toBe(200);
    const quick = await call("POST", "/admin/quickstart", { body: { organization: "Described", project: "p", key: "k" } });
    expect(quick.status).toBe(201);
    const org = (await call("POST", "/admin/organizations", { body: { name: "Described org", metadata: { tier: "gold" } } })).body;
    expect((await call("GET", "/admin/organizations")).status).toBe(200);
    expect((await call("GET", `/admin/organizations/${org.id}`)).status).toBe(200);
    expect((await call("PATCH", `/admin/organizations/${org.id}`, { body: { name: "Renamed org" } })).status).toBe(200);
    const project = (await call("POST", `/admin/organizations/${org.id}/projects`, { body: { name: "Described project" } })).body;
    expect((await call("GET", `/admin/organizations/${org.id}/projects`)).status).toBe(200);
    expect((await call("GET", `/admin/projects/${project.id}`)).status).toBe(200);
    expect((await call("PATCH", `/admin/projects/${project.id}`, { body: { name: "Renamed project" } })).status).toBe(200);
    const key = (await call("POST", `/admin/projects/${project.id}/keys`, { body: { name: "Described key", expires_at: "2099-01-01T00:00:00Z" } })).body;
    expect((await call("GET", `/admin/projects/${project.id}/keys`)).status).toBe(200);
    expect((await call("GET", `/admin/keys/${key.id}`)).status).toBe(200);
    expect((await call("PATCH", `/admin/keys/${key.id}`, { body: { allowed_models: ["described-model"] } })).status).toBe(200);
    expect((await call("POST", `/admin/keys/${key.id}/rotate`, { body: { grace_period_seconds: 60 } })).status).toBe(200);
    expect((await call("POST", `/admin/keys/${key.id}/revoke`, { body: { reason: "described" } })).status).toBe(200);
    const user = (await call("POST", "/admin/users", { body: { name: "Member", email: `m-${uniqueId()}@example.com`, role: "org_member", organization_id: org.id } })).body;
    expect((await call("GET", `/admin/users?organization_id=${org.id}`)).status).toBe(200);
    expect((await call("GET", `/admin/users/${user.id}`)).status).toBe(200);
    expect((await call("PATCH", `/admin/users/${user.id}`, { body: { name: "Member renamed" } })).status).toBe(200);
    const token = (await call("POST", `/admin/users/${user.id}/tokens`, { body: { name: "described" } })).body;
    expect((await call("GET", `/admin/users/${user.id}/tokens`)).status).toBe(200);
    expect((await call("POST", "/admin/organizations", { token: token.token, body: { name: "refused" } })).status).toBe(403);
    expect((await call("DELETE", `/admin/users/${user.id}/tokens/${token.id}`)).status).toBe(200);
    expect((await call("GET", "/admin/audit?limit=2")).status).toBe(200);

    expect((await call("GET", "/admin/organizations", { token: null })).status).toBe(401);
    expect((await call("POST", "/admin/organizations", { body: { name: "" } })).status).toBe(400);
    expect((await call("GET", "/admin/keys/key_does_not_exist")).status).toBe(404);
    expect((await call("GET", "/admin/organizations?after=org_does_not_exist")).status).toBe(400);
    expect((await call("GET", "/admin/organizations?limit=0")).status).toBe(400);

    expect((await call("DELETE", `/admin/keys/${key.id}`)).status).toBe(200);
    expect((await call("DELETE", `/admin/users/${user.id}`)).status).toBe(200);
    expect((await call("DELETE", `/admin/projects/${project.id}`)).status).toBe(200);
    expect((await call("DELETE", `/admin/organizations/${org.id}`)).status).toBe(200);
    expect(problems).toEqual([]);
  });

  it("answers every model, routing and quota route as described", async () => {
    const issued = await platform.createKey();
    const model = {
      id: "described-model",
      price_plan_id: "plan-standard",
      capability: { endpoints: ["chat.completions"], context_window: 8192, max_output_tokens: 1024, supports_streaming: true },
      deployments: [{ id: "main", provider_type: "openai", base_url: vendor.baseUrl, credentials: { api_key: VENDOR_KEY }, upstream_model: "gpt-4o-mini" }],
    };
    expect((await call("POST", "/admin/models", { body: model })).status).toBe(201);
    expect((await call("POST", "/admin/models", { body: model })).status).toBe(409);
    expect((await call("GET", "/admin/models?include_disabled=true")).status).toBe(200);
    expect((await call("GET", "/admin/models/described-model")).status).toBe(200);
    expect((await call("PUT", "/admin/models/described-model?expected_version=1", { body: { ...model, description: "v2" } })).status).toBe(200);
    expect((await call("PUT", "/admin/models/described-model?expected_version=1", { body: model })).status).toBe(409);
    expect((await call("GET", "/admin/models/described-model/versions")).status).toBe(200);
    expect((await call("POST", "/admin/models/described-model/check")).status).toBe(200);
    expect((await call("GET", "/admin/providers")).status).toBe(200);
    expect((await call("GET", "/admin/routing")).status).toBe(200);
    expect((await call("POST", "/admin/models", { body: { ...model, id: "bad", deployments: [] } })).status).toBe(400);

    const policy = (await call("POST", "/admin/quota/policies", { body: { scope: "key", scope_id: issued.keyId, requests_per_minute: 5, token_budget: { limit: 1000, period: "day" } } })).body;
    expect((await call("GET", "/admin/quota/policies")).status).toBe(200);
    expect((await call("GET", `/admin/quota/policies/${policy.id}`)).status).toBe(200);
    expect((await call("PATCH", `/admin/quota/policies/${policy.id}`, { body: { requests_per_minute: null, cost_budget: { limit_micros: 5_000_000, period: "month" } } })).status).toBe(200);
    expect((await call("GET", `/admin/quota/policies/${policy.id}/usage`)).status).toBe(200);
    expect((await call("GET", "/admin/quota/settings")).status).toBe(200);
    expect((await call("POST", "/admin/quota/rebuild")).status).toBe(200);
    expect((await call("POST", "/admin/quota/policies", { body: { scope: "planet" } })).status).toBe(400);
    expect((await call("DELETE", `/admin/quota/policies/${policy.id}`)).status).toBe(200);
    expect((await call("GET", `/admin/quota/policies/${policy.id}`)).status).toBe(404);
    expect((await call("DELETE", "/admin/models/described-model")).status).toBe(200);
    expect(problems).toEqual([]);
  });

  it("answers the platform status as JSON and as server-sent events, and ends the stream when the admin token is revoked", async () => {
    const json = await call("GET", "/admin/status");
    expect(json.status).toBe(200);
    expect(json.body.services.gateway.status).toBe("up");
    const user = (await call("POST", "/admin/users", { body: { name: "status watcher", role: "platform_admin" } })).body;
    const token = (await call("POST", `/admin/users/${user.id}/tokens`, { body: { name: "status stream" } })).body;
    const response = await fetch(`${platform.gateway.url}/admin/status?stream=true`, { headers: { authorization: `Bearer ${token.token}` }, signal: AbortSignal.timeout(60_000) });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = dataEvents(response.body!);
    const first = (await events.next()).value as Record<string, any>;
    problems.push(...description.problems("GET", "/admin/status", 200, first, "text/event-stream"));
    expect(first.status.gateway.instance_id).toBe(json.body.gateway.instance_id);
    expect((await call("DELETE", `/admin/users/${user.id}/tokens/${token.id}`)).status).toBe(200);
    // The next push re-authenticates the caller: the revoked token ends the stream with an error event.
    let last: Record<string, any> | undefined;
    for await (const event of events) last = event as Record<string, any>;
    expect(last?.error).toMatchObject({ message: expect.stringContaining("no longer valid"), type: expect.any(String) });
    expect(problems).toEqual([]);
  });

  it("answers every billing route as described", async () => {
    const rules = [{ prices: { input_per_million: 2_500_000, output_per_million: 10_000_000 } }];
    expect((await call("POST", "/admin/billing/plans", { body: { id: "default", name: "Demo", currency: "USD", effective_from: "2026-01-01T00:00:00Z", rules } })).status).toBe(201);
    expect((await call("POST", "/admin/billing/plans", { body: { id: "default", currency: "USD", rules } })).status).toBe(409);
    expect((await call("POST", "/admin/billing/plans", { body: { id: "x", currency: "dollars", rules } })).status).toBe(400);
    expect((await call("POST", "/admin/billing/plans/default/versions", { body: { effective_from: "2026-02-01T00:00:00Z", rules } })).status).toBe(201);
    expect((await call("GET", "/admin/billing/plans?limit=1")).status).toBe(200);
    expect((await call("GET", "/admin/billing/plans/default")).status).toBe(200);
    expect((await call("GET", "/admin/billing/plans/no-such-plan")).status).toBe(404);
    expect((await call("POST", "/admin/billing/modifiers", { body: { scope: "project", scope_id: "proj_described", multiplier_ppm: 900_000 } })).status).toBe(201);
    expect((await call("GET", "/admin/billing/modifiers?scope=project")).status).toBe(200);
    expect((await call("POST", "/admin/billing/estimate", { body: { model: "llmserve-demo", usage: { input_tokens: 1_000, output_tokens: 10 } } })).status).toBe(200);

    const issued = await platform.createKey();
    const orgId = (await call("GET", `/admin/projects/${issued.projectId}`)).body.organization_id as string;
    expect((await call("PUT", `/admin/billing/accounts/${orgId}`, { body: { anchor_day: 1, timezone: "UTC" } })).status).toBe(200);
    const chat = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${issued.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: "described" }], max_tokens: 8 }),
    });
    expect(chat.status).toBe(200);
    await waitFor(async () => ((await call("GET", `/admin/billing/spend?org_id=${orgId}&group_by=key`)).body.totals?.length ?? 0) > 0, { description: "the request priced", timeoutMs: 60_000 });
    expect((await call("GET", "/admin/billing/spend")).status).toBe(400);
    expect((await call("GET", "/admin/billing/pending")).status).toBe(200);
    const now = new Date();
    clock = () => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2);
    const closed = await waitFor(async () => {
      const answer = await call("POST", "/admin/billing/cycles/close", { body: { org_id: orgId } });
      return answer.body.data?.length ? answer : undefined;
    }, { description: "the cycle closed", timeoutMs: 30_000 });
    expect((await call("GET", `/admin/billing/bills?org_id=${orgId}&limit=1`)).status).toBe(200);
    expect((await call("GET", `/admin/billing/bills/${closed.body.data[0].id}`)).status).toBe(200);
    expect((await call("GET", "/admin/billing/bills?after=")).status).toBe(400);
    expect(problems).toEqual([]);
  });

  it("answers the usage report route as described", async () => {
    expect((await call("GET", "/admin/usage?group_by=model,status&trend=hour&top=3")).status).toBe(200);
    expect((await call("GET", "/admin/usage?group_by=planet")).status).toBe(400);
    expect((await call("GET", "/admin/usage?start=yesterday")).status).toBe(400);
    expect(problems).toEqual([]);
  });

  it("answers every alert-rule route as described", async () => {
    const body = { name: "demo errors", kind: "error_rate", model: "llmserve-demo", threshold: 5, window_seconds: 300, webhook_url: "https://hooks.example.com/alerts", webhook_secret: "whsec-described-0123456789" };
    const created = await call("POST", "/admin/alerts/rules", { body });
    expect(created.status).toBe(201);
    expect((await call("POST", "/admin/alerts/rules", { body: { ...body, kind: "sometimes" } })).status).toBe(400);
    expect((await call("GET", "/admin/alerts/rules?limit=1")).status).toBe(200);
    expect((await call("GET", `/admin/alerts/rules/${created.body.id}`)).status).toBe(200);
    expect((await call("GET", `/admin/alerts/rules/${created.body.id}/incidents?limit=5`)).status).toBe(200);
    expect((await call("GET", "/admin/alerts/rules/alert_unknown/incidents")).status).toBe(404);
    expect((await call("GET", "/admin/alerts/rules/alert_unknown")).status).toBe(404);
    expect((await call("PUT", `/admin/alerts/rules/${created.body.id}`, { body: { ...body, threshold: 10, webhook_secret: undefined } })).status).toBe(200);
    expect((await call("DELETE", `/admin/alerts/rules/${created.body.id}`)).status).toBe(200);
    expect(problems).toEqual([]);
  });

  it("answers the console session routes as described", async () => {
    expect((await call("POST", "/admin/session")).status).toBe(201);
    expect((await call("GET", "/admin/session")).status).toBe(200);
    expect((await call("DELETE", "/admin/session")).status).toBe(200);
    expect((await call("POST", "/admin/session", { token: "not-an-admin-token" })).status).toBe(401);
    expect(problems).toEqual([]);
  });

  it("has called every described route with a success", () => {
    const succeeded = new Set(description.checked.filter((answer) => answer.status < 300).map((answer) => `${answer.method} ${answer.template}`));
    const missing = description.templates().map((operation) => `${operation.method} ${operation.template}`).filter((operation) => !succeeded.has(operation));
    expect(missing).toEqual([]);
  });

  it("pages every kind of list the same way: limit, after, has_more, first_id, last_id", async () => {
    for (let index = 0; index < 3; index += 1) await call("POST", "/admin/organizations", { body: { name: `page ${index}` } });
    const walk = async (path: string) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 200; pages += 1) {
        const separator = path.includes("?") ? "&" : "?";
        const page = await call("GET", `${path}${separator}limit=2${after ? `&after=${encodeURIComponent(after)}` : ""}`);
        expect(page.status).toBe(200);
        expect(page.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.data.map((item: { id: string }) => item.id));
        if (page.body.data.length > 0) expect([page.body.first_id, page.body.last_id]).toEqual([page.body.data[0].id, page.body.data.at(-1).id]);
        if (!page.body.has_more) return seen;
        after = page.body.last_id as string;
      }
      throw new Error(`${path}: still has_more after 200 pages (is after ignored?)`);
    };
    const all = (await call("GET", "/admin/organizations")).body.data.map((item: { id: string }) => item.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(await walk("/admin/organizations")).toEqual(all);
    // The audit trail is paged by auth-key (newest first), by record id.
    const audit = (await call("GET", "/admin/audit?limit=500")).body.data.map((item: { id: string }) => item.id);
    expect(audit.length).toBeGreaterThan(4);
    expect(await walk("/admin/audit")).toEqual(audit);
    // Billing's modifiers are paged in the gateway, its plans by billing.
    for (let index = 0; index < 3; index += 1) await call("POST", "/admin/billing/modifiers", { body: { scope: "org", scope_id: `org_paged_${index}`, multiplier_ppm: 1_000_000 } });
    const modifiers = (await call("GET", "/admin/billing/modifiers")).body.data.map((item: { id: string }) => item.id);
    expect(modifiers.length).toBeGreaterThanOrEqual(4);
    expect(await walk("/admin/billing/modifiers")).toEqual(modifiers);
    for (let index = 0; index < 2; index += 1) await call("POST", "/admin/billing/plans", { body: { id: `paged-${index}`, currency: "EUR", rules: [{ prices: { input_per_million: 1 } }] } });
    expect(await walk("/admin/billing/plans")).toEqual((await call("GET", "/admin/billing/plans")).body.data.map((item: { id: string }) => item.id));
    expect(problems).toEqual([]);
  });
});

/** The JSON of each `data:` event of a server-sent event stream, until it ends. */
async function* dataEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  let buffered = "";
  for await (const text of body.pipeThrough(new TextDecoderStream())) {
    buffered += text;
    const frames = buffered.split("\n\n");
    buffered = frames.pop() ?? "";
    for (const frame of frames) {
      const data = frame.split("\n").filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trim()).join("\n");
      if (data) yield JSON.parse(data);
    }
  }
}
