import { randomBytes, randomUUID } from "node:crypto";
import { startBilling, type RunningBilling } from "@llm-serve/billing";
import { startOpenAIMock, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminDescription } from "./admin-description.js";
import { startPlatform, type Platform } from "./platform-fixture.js";

type Item = Record<string, any>;

const VENDOR_KEY = "sk-vendor-key-order-0123456789";

/**
 * `order=asc|desc` on the six lists a service pages in SQL (issue #22), through the real gateway
 * against the real services: each list in both orders, its default, a walk of one item a page with
 * `after` to the end in either order, and the 400s (a bad `order`; the audit's `before` with `asc`; an
 * `after` naming no item of the list — unknown, another org's, filtered out or deleted — as a gateway-paged list).
 */
describe("order on the lists the services page", () => {
  let platform: Platform;
  let billing: RunningBilling;
  let description: AdminDescription;
  /** Billing's clock: moved a month on for each bill. */
  let clock: () => number = Date.now;
  const problems: string[] = [];

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${platform.gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${platform.adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as Item;
    problems.push(...description.problems(method, path, response.status, answer));
    return { status: response.status, body: answer };
  };
  const created = async (path: string, body: unknown) => {
    const answer = await call("POST", path, body);
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(201);
    return answer.body;
  };
  const ids = async (path: string) => {
    const answer = await call("GET", path);
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
    return (answer.body.data as Item[]).map((item) => item.id as string);
  };
  const withQuery = (path: string, query: string) => `${path}${path.includes("?") ? "&" : "?"}${query}`;
  /** Walks a list one item a page with `after`, checking each page's cursors and `has_more`. */
  const walk = async (path: string, order: "asc" | "desc") => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await call("GET", withQuery(path, `order=${order}&limit=1${after ? `&after=${encodeURIComponent(after)}` : ""}`));
      expect(page.status, `${path} ${order}: ${JSON.stringify(page.body)}`).toBe(200);
      const data = page.body.data as Item[];
      if (data.length > 0) expect([page.body.first_id, page.body.last_id]).toEqual([data[0]!.id, data[0]!.id]);
      seen.push(...data.map((item) => item.id as string));
      if (!page.body.has_more) return seen;
      expect(data).toHaveLength(1);
      after = page.body.last_id as string;
    }
    throw new Error(`${path} ${order}: still has_more after 100 pages`);
  };
  /** Both orders, the default, both walks, and a bad `order` refused naming it. */
  const checkOrders = async (path: string, defaultOrder: "asc" | "desc", minimum: number) => {
    const ascending = await ids(withQuery(path, "order=asc"));
    const descending = await ids(withQuery(path, "order=desc"));
    expect(ascending.length, path).toBeGreaterThanOrEqual(minimum);
    expect(descending, path).toEqual([...ascending].reverse());
    expect(await ids(path), `${path} by default`).toEqual(defaultOrder === "asc" ? ascending : descending);
    expect(await walk(path, "asc"), `${path} walked asc`).toEqual(ascending);
    expect(await walk(path, "desc"), `${path} walked desc`).toEqual(descending);
    const refused = await call("GET", withQuery(path, "order=newest"));
    expect(refused.status, path).toBe(400);
    expect(refused.body.error).toMatchObject({ type: "invalid_request_error", param: "order", message: expect.stringContaining("order") });
    return ascending;
  };

  /** An `after` naming no item of the list: the 400 of the gateway-paged lists, word for word. */
  const refusesCursor = async (path: string, after: string) => {
    const refused = await call("GET", withQuery(path, `limit=1&after=${encodeURIComponent(after)}`));
    expect([refused.status, refused.body], `${path} after=${after}`).toEqual([400, { error: { message: `after: ${after} is not an item of this list`, type: "invalid_request_error", param: "after", code: null } }]);
  };

  beforeAll(async () => {
    platform = await startPlatform({
      SECRETS_KEY: randomBytes(32).toString("base64"),
      HEALTH_PROBE_INTERVAL_MS: "0",
      // Incidents come from analytics' evaluator: it runs often, and no circuit opens on the failures that fire them.
      ALERT_EVALUATION_INTERVAL_MS: "300",
      ROUTING_CIRCUIT_MIN_REQUESTS: "10000",
    });
    billing = await startBilling(
      { ...platform.env, DATABASE_SCHEMA: `bl_${platform.isolation}`, BILLING_CLOSE_CHECK_MS: "0", BILLING_PENDING_RETRY_MS: "0", BILLING_MODEL_PLAN_CACHE_MS: "0" },
      { clock: () => clock() },
    );
    await billing.consuming;
    description = new AdminDescription((await (await fetch(`${platform.gateway.url}/admin/openapi.json`)).json()) as Item);
  });

  afterAll(async () => {
    await billing?.stop();
    await platform?.stop();
  });

  it("the audit trail: newest first by default, oldest first with asc, has_more right in both; before with asc is a 400", async () => {
    const org = await created("/admin/organizations", { name: "audited" });
    for (let index = 0; index < 3; index += 1) await created(`/admin/organizations/${org.id}/projects`, { name: `audited ${index}` });
    const path = `/admin/audit?organization_id=${org.id}`;
    const ascending = await checkOrders(path, "desc", 4);
    const records = (await call("GET", withQuery(path, "order=asc"))).body.data as Item[];
    expect(records[0]).toMatchObject({ action: "organization.create", resource: { type: "organization", id: org.id } });
    const sequences = records.map((record) => record.sequence as number);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    // The last page of each order says there is no more; the page before it says there is.
    const twoAscending = await call("GET", withQuery(path, `order=asc&limit=2&after=${ascending.at(-3)}`));
    expect(twoAscending.body).toMatchObject({ has_more: false, next_before: null });
    expect((await call("GET", withQuery(path, `order=asc&limit=1&after=${ascending.at(-3)}`))).body.has_more).toBe(true);
    const newest = await call("GET", withQuery(path, "limit=1"));
    expect(newest.body).toMatchObject({ has_more: true, next_before: expect.any(Number) });
    // The older cursor still pages newest first, as before.
    expect((await call("GET", withQuery(path, `limit=1&before=${newest.body.next_before}`))).body.data[0].id).toBe(ascending.at(-2));
    const refused = await call("GET", withQuery(path, `order=asc&before=${newest.body.next_before}`));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ type: "invalid_request_error", param: "before" });
    // A cursor the search does not find: unknown, another org's, or left out by a filter (as a gateway-paged list).
    await refusesCursor("/admin/organizations", "org_does_not_exist");
    await refusesCursor(path, "aud_does_not_exist");
    const other = await created("/admin/organizations", { name: "audited elsewhere" });
    await refusesCursor(path, ((await call("GET", `/admin/audit?organization_id=${other.id}`)).body.data as Item[])[0]!.id as string);
    await refusesCursor(withQuery(path, "action=project.create"), records[0]!.id as string);
    expect(problems).toEqual([]);
  });

  it("quota policies: by id, asc by default", async () => {
    const issued = await platform.createKey();
    const orgId = (await call("GET", `/admin/projects/${issued.projectId}`)).body.organization_id as string;
    const subjects = [
      { scope: "org", scope_id: orgId },
      { scope: "project", scope_id: issued.projectId },
      { scope: "key", scope_id: issued.keyId },
    ];
    const policies: string[] = [];
    for (const subject of subjects) policies.push((await created("/admin/quota/policies", { ...subject, requests_per_minute: 50 })).id as string);
    const ascending = await checkOrders(`/admin/quota/policies?org_id=${orgId}`, "asc", 3);
    expect([...ascending].sort()).toEqual([...policies].sort());
    // `next_after` is still the last id when there is more, in either order.
    const page = await call("GET", `/admin/quota/policies?org_id=${orgId}&order=desc&limit=2`);
    expect(page.body).toMatchObject({ has_more: true, next_after: ascending.at(-2) });
    // An unknown cursor, and one deleted between two pages, are refused rather than answered with a page.
    await refusesCursor(`/admin/quota/policies?org_id=${orgId}`, "qp_does_not_exist");
    expect((await call("DELETE", `/admin/quota/policies/${ascending[1]}`)).status).toBe(200);
    await refusesCursor(`/admin/quota/policies?org_id=${orgId}`, ascending[1]!);
    expect(problems).toEqual([]);
  });

  it("price plans: by id, asc by default", async () => {
    for (const id of ["default", "order-plan-a", "order-plan-b", "order-plan-c"]) {
      await created("/admin/billing/plans", { id, name: id, currency: "USD", effective_from: "2026-01-01T00:00:00Z", rules: [{ prices: { input_per_million: 2_500_000, output_per_million: 10_000_000 } }] });
    }
    const ascending = await checkOrders("/admin/billing/plans", "asc", 4);
    expect(ascending.filter((id) => id.startsWith("order-plan-"))).toEqual(["order-plan-a", "order-plan-b", "order-plan-c"]);
    // Not the plans whose ids sort after it: no plan is named so.
    await refusesCursor("/admin/billing/plans", "order-plan-0");
    expect(problems).toEqual([]);
  });

  it("bills: by cycle, newest first by default", async () => {
    // The demo model's usage is priced with the plan `default` (created above when run alone too).
    if ((await call("GET", "/admin/billing/plans/default")).status === 404) {
      await created("/admin/billing/plans", { id: "default", currency: "USD", effective_from: "2026-01-01T00:00:00Z", rules: [{ prices: { input_per_million: 2_500_000 } }] });
    }
    const issued = await platform.createKey();
    const orgId = (await call("GET", `/admin/projects/${issued.projectId}`)).body.organization_id as string;
    expect((await call("PUT", `/admin/billing/accounts/${orgId}`, { anchor_day: 1, timezone: "UTC" })).status).toBe(200);
    const now = new Date();
    for (let month = 1; month <= 3; month += 1) {
      // One request a cycle: the next cycle to close starts where the last bill ended.
      const chat = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${issued.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: `bill ${month}` }], max_tokens: 8 }),
      });
      expect(chat.status).toBe(200);
      clock = () => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + month, 2);
      await waitFor(async () => ((await call("POST", "/admin/billing/cycles/close", { org_id: orgId })).body.data?.length ?? 0) > 0, { description: `bill ${month} closed`, timeoutMs: 60_000 });
    }
    const path = `/admin/billing/bills?org_id=${orgId}`;
    const ascending = await checkOrders(path, "desc", 3);
    const starts = ((await call("GET", withQuery(path, "order=asc"))).body.data as Item[]).map((bill) => Date.parse(bill.cycle_start as string));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(ascending).size).toBe(3);
    await refusesCursor(path, "bill_does_not_exist");
    expect(problems).toEqual([]);
  });

  it("alert rules: by id, asc by default", async () => {
    const rules: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const body = { name: `ordered ${index}`, kind: "error_rate", model: "llmserve-demo", threshold: 50, window_seconds: 300, enabled: false };
      rules.push((await created("/admin/alerts/rules", body)).id as string);
    }
    const ascending = await checkOrders("/admin/alerts/rules", "asc", 3);
    expect([...ascending].sort()).toEqual([...rules].sort());
    await refusesCursor("/admin/alerts/rules", "rule_does_not_exist");
    expect((await call("DELETE", `/admin/alerts/rules/${rules[1]}`)).status).toBe(200);
    await refusesCursor("/admin/alerts/rules", rules[1]!);
    expect(problems).toEqual([]);
  });

  it("a rule's incidents, opened and resolved by analytics on real traffic: newest first by default", async () => {
    const vendor = await startOpenAIMock({ apiKey: VENDOR_KEY });
    try {
      const model = { id: "order-model", price_plan_id: "default", capability: { endpoints: ["chat.completions"], context_window: 8192, max_output_tokens: 1024, supports_streaming: true } };
      await created("/admin/models", { ...model, deployments: [{ id: "main", provider_type: "openai", base_url: vendor.baseUrl, credentials: { api_key: VENDOR_KEY }, upstream_model: "gpt-4o-mini" }] });
      const issued = await platform.createKey();
      const chat = async () => {
        const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${issued.secret}`, "content-type": "application/json" },
          body: JSON.stringify({ model: "order-model", messages: [{ role: "user", content: "incident" }], max_tokens: 8 }),
        });
        await response.arrayBuffer();
        return response.status;
      };
      await waitFor(async () => (await chat()) === 200, { description: "the gateway serves order-model", timeoutMs: 30_000 });
      const rule = await created("/admin/alerts/rules", { name: "order incidents", kind: "error_rate", model: "order-model", threshold: 50, window_seconds: 2, min_requests: 2 });
      const stateOf = async () => (await call("GET", `/admin/alerts/rules/${rule.id}`)).body.state as string;
      /** Sends requests (failing or not) until analytics' evaluator has moved the rule to `state`. */
      const drive = async (state: string) =>
        waitFor(async () => {
          for (let request = 0; request < 2; request += 1) await chat();
          return (await stateOf()) === state;
        }, { description: `the rule ${state}`, timeoutMs: 45_000 });
      for (let cycle = 0; cycle < 3; cycle += 1) {
        vendor.setScenario({ error: { status: 503 } });
        await drive("firing");
        vendor.resetScenario();
        await drive("ok");
      }
      const path = `/admin/alerts/rules/${rule.id}/incidents`;
      const ascending = await checkOrders(path, "desc", 3);
      expect(ascending).toHaveLength(3);
      const incidents = (await call("GET", withQuery(path, "order=asc"))).body.data as Item[];
      const fired = incidents.map((incident) => Date.parse(incident.fired_at as string));
      expect(fired).toEqual([...fired].sort((a, b) => a - b));
      expect(incidents.map((incident) => incident.state)).toEqual(["resolved", "resolved", "resolved"]);
      // Not an incident of this rule (a UUID, the ids' form), and not a UUID at all.
      await refusesCursor(path, randomUUID());
      await refusesCursor(path, "not-an-incident");
    } finally {
      await vendor.close();
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it("walks every list the description gives `order` in desc order, page by page, and its default as described", async () => {
    type Parameter = { name: string; in: string; description?: string };
    const document = (await call("GET", "/admin/openapi.json")).body as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
    const orderOf = (path: string) => document.paths[path]?.get?.parameters?.find((parameter) => parameter.name === "order" && parameter.in === "query");
    // Bills need an org (they are walked above, as are the incidents of a rule).
    const paths = Object.keys(document.paths).filter((path) => orderOf(path) && !path.includes("{") && path !== "/admin/billing/bills");
    expect(paths).toEqual(expect.arrayContaining(["/admin/organizations", "/admin/users", "/admin/models", "/admin/providers", "/admin/billing/modifiers"]));
    // The service-paged ones take it too (issue #22).
    expect(paths).toEqual(expect.arrayContaining(["/admin/audit", "/admin/quota/policies", "/admin/billing/plans", "/admin/alerts/rules"]));
    const cursor = (item: Record<string, unknown>) => String(item.id ?? item.version ?? `${String(item.model)}/${String(item.deployment)}`);
    for (const path of paths) {
      // The audit trail's pages go up to 500.
      const whole = path === "/admin/audit" ? "limit=500" : "limit=100";
      const descending = (await call("GET", `${path}?order=desc&${whole}`)).body as { data: Array<Record<string, unknown>>; has_more: boolean };
      expect(descending.has_more, `${path}: fits one page`).toBe(false);
      const walked: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 200; pages += 1) {
        const page = await call("GET", `${path}?order=desc&limit=2${after ? `&after=${encodeURIComponent(after)}` : ""}`);
        expect(page.status, path).toBe(200);
        walked.push(...(page.body.data as Array<Record<string, unknown>>).map(cursor));
        if (!page.body.has_more) break;
        after = page.body.last_id as string;
      }
      expect(walked, path).toEqual(descending.data.map(cursor));
      const byDefault = ((await call("GET", `${path}?${whole}`)).body.data as Array<Record<string, unknown>>).map(cursor);
      const newestFirst = orderOf(path)!.description!.startsWith("`desc` (default)");
      expect(newestFirst ? byDefault : byDefault.reverse(), path).toEqual(descending.data.map(cursor));
    }
    // The audit trail (paged by auth-key) is newest first unless asked otherwise.
    expect(orderOf("/admin/audit")?.description).toMatch(/^`desc` \(default\)/);
    expect((await call("GET", "/admin/organizations?order=newest")).status).toBe(400);
    expect(problems).toEqual([]);
  });
});
