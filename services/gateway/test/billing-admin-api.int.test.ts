import { startBilling, type RunningBilling } from "@llm-serve/billing";
import { captureLogs, uniqueId, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

type Answer = { status: number; body: Record<string, any>; text: string; headers: Headers };

const INPUT_PER_MILLION = 2_500_000;
const OUTPUT_PER_MILLION = 10_000_000;
/** ADR 0018: per line, the exact sum over 1M, rounded up once. */
const lineMicros = (prompt: number, completion: number) => (BigInt(prompt) * BigInt(INPUT_PER_MILLION) + BigInt(completion) * BigInt(OUTPUT_PER_MILLION) + 999_999n) / 1_000_000n;

/** Real requests through the gateway, priced by billing from the usage events, billed and exported. */
describe("the billing admin REST API on the platform", () => {
  const logs = captureLogs("billing", "warn");
  let platform: Platform;
  let billing: RunningBilling;
  let keyA: IssuedKey;
  let keyB: IssuedKey;
  let orgA: string;
  let clock: () => number = Date.now;
  const tokens: Record<"platform" | "orgAdmin" | "member" | "viewer", string> = { platform: "", orgAdmin: "", member: "", viewer: "" };

  const call = async (method: string, path: string, token: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${platform.gateway.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed: Record<string, any> = {};
    try {
      parsed = JSON.parse(text) as Record<string, any>;
    } catch {
      // CSV
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  };
  const chatAnswer = (key: IssuedKey) =>
    fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: `hello ${uniqueId()}` }], max_tokens: 16 }),
    });
  const chat = async (key: IssuedKey) => {
    const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: `hello ${uniqueId()}` }], max_tokens: 16 }),
    });
    expect(response.status).toBe(200);
    const usage = ((await response.json()) as { usage: { prompt_tokens: number; completion_tokens: number; prompt_tokens_details?: { cached_tokens?: number }; completion_tokens_details?: { reasoning_tokens?: number } } }).usage;
    expect(usage.prompt_tokens_details?.cached_tokens ?? 0).toBe(0);
    expect(usage.completion_tokens_details?.reasoning_tokens ?? 0).toBe(0);
    return lineMicros(usage.prompt_tokens, usage.completion_tokens);
  };

  beforeAll(async () => {
    platform = await startPlatform();
    billing = await startBilling(
      { ...platform.env, DATABASE_SCHEMA: `bl_${platform.isolation}`, BILLING_CLOSE_CHECK_MS: "0", BILLING_PENDING_RETRY_MS: "0", BILLING_MODEL_PLAN_CACHE_MS: "0" },
      { logger: logs.logger, clock: () => clock() },
    );
    await billing.consuming;
    tokens.platform = platform.adminToken;
    keyA = await platform.createKey();
    keyB = await platform.createKey();
    orgA = (await call("GET", `/admin/projects/${keyA.projectId}`, tokens.platform)).body.organization_id as string;
    for (const [name, role] of [["orgAdmin", "org_admin"], ["member", "org_member"], ["viewer", "billing_viewer"]] as const) {
      const user = await call("POST", "/admin/users", tokens.platform, { name, email: `${name}-${uniqueId()}@example.com`, role, organization_id: orgA });
      tokens[name] = (await call("POST", `/admin/users/${user.body.id}/tokens`, tokens.platform, { name })).body.token as string;
    }
  }, 180_000);
  afterAll(async () => {
    await billing?.stop();
    await platform?.stop();
  });

  it("lets platform admins create and version plans, refuses others and bad bodies with OpenAI-shaped errors, and pages lists", async () => {
    const plan = { id: "default", name: "Demo", currency: "USD", effective_from: "2026-01-01T00:00:00Z", rules: [{ prices: { input_per_million: INPUT_PER_MILLION, output_per_million: OUTPUT_PER_MILLION } }] };
    expect((await call("POST", "/admin/billing/plans", tokens.orgAdmin, plan)).status).toBe(403);
    const bad = await call("POST", "/admin/billing/plans", tokens.platform, { ...plan, rules: [{ prices: { input_per_million: 1.5 } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ type: "invalid_request_error", param: "rules.0.prices.input_per_million" });
    expect((await call("POST", "/admin/billing/plans", tokens.platform, plan)).status).toBe(201);
    expect((await call("POST", "/admin/billing/plans", tokens.platform, plan)).status).toBe(409);
    expect((await call("POST", "/admin/billing/plans", tokens.platform, { ...plan, id: "zz-other" })).status).toBe(201);
    const stale = await call("POST", "/admin/billing/plans/zz-other/versions", tokens.platform, { effective_from: "2025-01-01T00:00:00Z", rules: plan.rules });
    expect(stale.status).toBe(400);
    expect(stale.body.error.param).toBe("effective_from");

    const first = await call("GET", "/admin/billing/plans?limit=1", tokens.member);
    expect(first.body).toMatchObject({ object: "list", has_more: true, data: [{ id: "default", currency: "USD", versions: [{ version: 1, effective_from: "2026-01-01T00:00:00.000Z" }] }] });
    const second = await call("GET", "/admin/billing/plans?limit=1&after=default", tokens.member);
    expect(second.body).toMatchObject({ has_more: false, data: [{ id: "zz-other" }] });
  });

  it("bills real gateway traffic: month-to-date spend, a closed cycle's bill and its CSV agree to the micro-unit", async () => {
    let expectedA = 0n;
    for (let index = 0; index < 3; index += 1) expectedA += await chat(keyA);
    const expectedB = await chat(keyB);

    const spend = await waitFor(async () => {
      const answer = await call("GET", "/admin/billing/spend?group_by=key", tokens.orgAdmin);
      return answer.body.totals?.[0]?.amount_micros === Number(expectedA) ? answer : undefined;
    }, { description: "the three requests priced", timeoutMs: 60_000 });
    expect(spend.body).toMatchObject({ org_id: orgA, items: [{ project_id: keyA.projectId, key_id: keyA.keyId, requests: 3, amount_micros: Number(expectedA) }] });
    expect((await call("GET", `/admin/billing/spend?org_id=${"org_elsewhere"}`, tokens.orgAdmin)).status).toBe(403);

    // Both organizations' usage must be in the ledger before the cycle closes (B's event may be
    // consumed after A's three).
    const orgB = (await call("GET", `/admin/projects/${keyB.projectId}`, tokens.platform)).body.organization_id as string;
    await waitFor(async () => {
      const answer = await call("GET", `/admin/billing/spend?org_id=${orgB}`, tokens.platform);
      return answer.body.totals?.[0]?.amount_micros === Number(expectedB) ? answer : undefined;
    }, { description: "the other organization's request priced", timeoutMs: 60_000 });

    const now = new Date();
    clock = () => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2);
    await waitFor(async () => (await call("GET", "/admin/billing/pending", tokens.platform)).body.events === 0, { description: "nothing held" });
    const closed = await waitFor(async () => {
      const answer = await call("POST", "/admin/billing/cycles/close", tokens.platform, {});
      return answer.body.data?.length ? answer : undefined;
    }, { description: "bills closed", timeoutMs: 30_000 });
    const billOfA = (closed.body.data as Array<Record<string, any>>).find((bill) => bill.org_id === orgA)!;
    const billOfB = (closed.body.data as Array<Record<string, any>>).find((bill) => bill.org_id !== orgA)!;
    expect(billOfA).toMatchObject({ ledger_lines: 3, totals: [{ currency: "USD", amount_micros: Number(expectedA) }] });
    expect(billOfB).toMatchObject({ ledger_lines: 1, totals: [{ currency: "USD", amount_micros: Number(expectedB) }] });

    const listed = await call("GET", "/admin/billing/bills", tokens.orgAdmin);
    expect(listed.body).toMatchObject({ object: "list", has_more: false, data: [{ id: billOfA.id }] });
    expect((await call("GET", `/admin/billing/bills/${billOfB.id}`, tokens.orgAdmin)).status).toBe(404);

    const csv = await call("GET", `/admin/billing/bills/${billOfA.id}?format=csv`, tokens.orgAdmin);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = csv.text.trimEnd().split("\r\n").map((row) => row.split(","));
    expect(rows[0]).toEqual(["bill_id", "org_id", "cycle_start", "cycle_end", "project_id", "key_id", "model", "currency", "adjustment", "requests", "estimated_requests", "amount_micros", "amount", "kind", "plan_id"]);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(4)).toEqual([keyA.projectId, keyA.keyId, "llmserve-demo", "USD", "false", "3", "0", String(expectedA), `${expectedA / 1_000_000n}.${String(expectedA % 1_000_000n).padStart(6, "0")}`, "usage", ""]);
  });

  it("estimates the cost of token counts exactly and of a request body with the plan in force", async () => {
    const counts = await call("POST", "/admin/billing/estimate", tokens.member, { model: "llmserve-demo", usage: { input_tokens: 1_000, output_tokens: 100 } });
    expect(counts.body).toMatchObject({ object: "billing.estimate", currency: "USD", plan_id: "default", plan_version: 1, amount_micros: Number(lineMicros(1_000, 100)) });
    const body = await call("POST", "/admin/billing/estimate", tokens.member, { model: "llmserve-demo", request: { messages: [{ role: "user", content: "hello there" }], max_tokens: 50 } });
    expect(body.status).toBe(200);
    expect(body.body.quantities.output_tokens).toBe(50);
    expect(body.body.amount_micros).toBe(Number(lineMicros(body.body.quantities.input_tokens as number, 50)));
    expect((await call("POST", "/admin/billing/estimate", tokens.member, { model: "llmserve-demo", usage: { input_tokens: -1 } })).status).toBe(400);
    expect((await call("POST", "/admin/billing/estimate", tokens.member, { model: "no-such-model", usage: { input_tokens: 1 } })).status).toBe(404);

    const discount = { scope: "project", scope_id: keyA.projectId, multiplier_ppm: 500_000, effective_from: "2026-01-01T00:00:00Z" };
    expect((await call("POST", "/admin/billing/modifiers", tokens.orgAdmin, discount)).status).toBe(403);
    expect((await call("POST", "/admin/billing/modifiers", tokens.platform, discount)).body).toMatchObject({ object: "billing.price_modifier", scope: "project", multiplier_ppm: 500_000 });
    const discounted = await call("POST", "/admin/billing/estimate", tokens.member, { model: "llmserve-demo", project_id: keyA.projectId, usage: { input_tokens: 1_000, output_tokens: 100 } });
    expect(discounted.body).toMatchObject({ org_id: orgA, project_id: keyA.projectId, amount_micros: Number((lineMicros(1_000, 100) + 1n) / 2n) });
  });

  it("never shows a tenant admin another organization's negotiated prices nor its money (attacker's side)", async () => {
    const orgB = (await call("GET", `/admin/projects/${keyB.projectId}`, tokens.platform)).body.organization_id as string;
    const usage = { input_tokens: 1_000, output_tokens: 100 };
    // B's secret discount: 30 % off for the org, a further half off for its project.
    for (const modifier of [{ scope: "org", scope_id: orgB, multiplier_ppm: 700_000 }, { scope: "project", scope_id: keyB.projectId, multiplier_ppm: 500_000 }]) {
      expect((await call("POST", "/admin/billing/modifiers", tokens.platform, { ...modifier, effective_from: "2026-01-01T00:00:00Z" })).status).toBe(201);
    }
    const priceOfB = Number((lineMicros(1_000, 100) * 7n * 5n + 99n) / 100n);
    const refusedOpenAiShaped = (answer: Answer, status: number[]) => {
      expect(status).toContain(answer.status);
      expect(answer.body.error).toMatchObject({ type: expect.any(String), message: expect.any(String) });
      expect(answer.body.amount_micros).toBeUndefined();
      expect(answer.text).not.toContain(String(priceOfB));
    };
    const orgBills = (await call("GET", `/admin/billing/bills?org_id=${orgB}`, tokens.platform)).body.data as Array<{ id: string }>;
    expect(orgBills.length).toBeGreaterThan(0);
    for (const token of [tokens.orgAdmin, tokens.member, tokens.viewer]) {
      refusedOpenAiShaped(await call("POST", "/admin/billing/estimate", token, { model: "llmserve-demo", org_id: orgB, usage }), [403]);
      refusedOpenAiShaped(await call("POST", "/admin/billing/estimate", token, { model: "llmserve-demo", project_id: keyB.projectId, usage }), [403, 404]);
      refusedOpenAiShaped(await call("POST", "/admin/billing/estimate", token, { model: "llmserve-demo", org_id: orgA, project_id: keyB.projectId, usage }), [403, 404]);
      refusedOpenAiShaped(await call("POST", "/admin/billing/estimate", token, { model: "llmserve-demo", org_id: orgB, project_id: keyB.projectId, usage }), [403, 404]);
      // Month-to-date spend with its forecast, bills, one bill and its CSV, modifiers: refused too.
      refusedOpenAiShaped(await call("GET", `/admin/billing/spend?org_id=${orgB}`, token), [403]);
      refusedOpenAiShaped(await call("GET", `/admin/billing/spend?org_id=${orgB}&group_by=project`, token), [403]);
      refusedOpenAiShaped(await call("GET", `/admin/billing/bills?org_id=${orgB}`, token), [403]);
      refusedOpenAiShaped(await call("GET", `/admin/billing/bills/${orgBills[0]!.id}`, token), [403, 404]);
      refusedOpenAiShaped(await call("GET", `/admin/billing/bills/${orgBills[0]!.id}?format=csv`, token), [403, 404]);
      refusedOpenAiShaped(await call("GET", `/admin/billing/modifiers?scope_id=${orgB}`, token), [403]);
    }
    // A platform admin sees B's price, and a project's organization must be the named one.
    const platformView = await call("POST", "/admin/billing/estimate", tokens.platform, { model: "llmserve-demo", org_id: orgB, project_id: keyB.projectId, usage });
    expect(platformView.body).toMatchObject({ org_id: orgB, amount_micros: priceOfB });
    expect((await call("POST", "/admin/billing/estimate", tokens.platform, { model: "llmserve-demo", project_id: keyB.projectId, usage })).body).toMatchObject({ org_id: orgB, amount_micros: priceOfB });
    expect((await call("POST", "/admin/billing/estimate", tokens.platform, { model: "llmserve-demo", org_id: orgA, project_id: keyB.projectId, usage })).status).toBe(404);

    // Their own organization's estimate carries their own discount only (none on A's org).
    expect((await call("POST", "/admin/billing/estimate", tokens.viewer, { model: "llmserve-demo", usage })).body).toMatchObject({ org_id: orgA, amount_micros: Number(lineMicros(1_000, 100)) });
    // Plans are platform-wide list prices: no organization's modifier appears in them.
    expect(JSON.stringify((await call("GET", "/admin/billing/plans", tokens.member)).body)).not.toContain("multiplier");
  });
  it("holds and charges a cost budget with billing's plan (a per-request price, the org's modifier) exactly as the ledger charges", async () => {
    clock = Date.now;
    const FEE = 100_000;
    const key = await platform.createKey();
    const probe = await platform.createKey();
    const orgOfKey = (await call("GET", `/admin/projects/${key.projectId}`, tokens.platform)).body.organization_id as string;
    const from = new Date(Date.now() - 1_000).toISOString();
    expect((await call("POST", "/admin/billing/modifiers", tokens.platform, { scope: "org", scope_id: orgOfKey, multiplier_ppm: 1_500_000, effective_from: from })).status).toBe(201);
    const rules = [{ prices: { input_per_million: INPUT_PER_MILLION, output_per_million: OUTPUT_PER_MILLION, micros_per_request: FEE } }];
    expect((await call("POST", "/admin/billing/plans/default/versions", tokens.platform, { effective_from: from, rules })).status).toBe(201);
    const budget = await call("POST", "/admin/quota/policies", tokens.platform, { scope: "key", scope_id: key.keyId, cost_budget: { limit_micros: 400_000, period: "month" } });
    expect(budget.status).toBe(201);
    // A probe whose budget is below the per-request price alone: refused once the gateways hold the new version.
    expect((await call("POST", "/admin/quota/policies", tokens.platform, { scope: "key", scope_id: probe.keyId, cost_budget: { limit_micros: FEE - 1, period: "month" } })).status).toBe(201);
    await waitFor(async () => (await chatAnswer(probe)).status === 429, { description: "the per-request price in the gateways' holds", timeoutMs: 30_000 });

    // Each line: (input + output + the fee) × 1.5, rounded up once (ADR 0018); each hold is at least that.
    const lineWithFee = (prompt: number, completion: number) => ((BigInt(prompt) * BigInt(INPUT_PER_MILLION) + BigInt(completion) * BigInt(OUTPUT_PER_MILLION) + BigInt(FEE) * 1_000_000n) * 3n + 1_999_999n) / 2_000_000n;
    let charged = 0n;
    let admitted = 0;
    let answer = await chatAnswer(key);
    for (; answer.status === 200 && admitted < 10; answer = await chatAnswer(key)) {
      const { usage } = (await answer.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
      charged += lineWithFee(usage.prompt_tokens, usage.completion_tokens);
      admitted += 1;
    }
    // 400,000 holds two requests of about 150,000 each, never a third (the table of input/output prices held a few hundred each).
    expect(admitted).toBe(2);
    expect(answer.status).toBe(429);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("insufficient_quota");
    const counters = await waitFor(async () => {
      const usage = await call("GET", `/admin/quota/policies/${budget.body.id}/usage`, tokens.platform);
      return usage.body.data?.[0]?.held === 0 ? usage.body.data[0] : undefined;
    }, { description: "the holds settled" });
    expect(counters).toMatchObject({ dimension: "cost_budget", limit: 400_000, used: Number(charged) });
    await waitFor(async () => (await call("GET", `/admin/billing/spend?org_id=${orgOfKey}`, tokens.platform)).body.totals?.[0]?.amount_micros === Number(charged), {
      description: "the ledger's lines equal the budget's counter",
      timeoutMs: 60_000,
    });
  });
});
