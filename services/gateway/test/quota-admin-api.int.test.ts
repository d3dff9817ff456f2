import { uniqueId, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

type Answer = { status: number; body: Record<string, any>; headers: Headers };

/** The quota admin REST API on a running gateway, behind admin tokens checked by auth-key. */
describe("the quota admin REST API", () => {
  let platform: Platform;
  let keyA: IssuedKey;
  let keyB: IssuedKey;
  let orgA: string;
  const tokens: Record<"platform" | "orgAdmin" | "member", string> = { platform: "", orgAdmin: "", member: "" };

  const call = async (method: string, path: string, token: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${platform.gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any>, headers: response.headers };
  };
  const chat = (key: IssuedKey, maxTokens = 20) =>
    fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: "hi" }], max_tokens: maxTokens }),
    });

  beforeAll(async () => {
    platform = await startPlatform();
    tokens.platform = platform.adminToken;
    keyA = await platform.createKey();
    keyB = await platform.createKey();
    orgA = (await call("GET", `/admin/projects/${keyA.projectId}`, tokens.platform)).body.organization_id as string;
    for (const [name, role] of [["orgAdmin", "org_admin"], ["member", "org_member"]] as const) {
      const user = await call("POST", "/admin/users", tokens.platform, { name, email: `${name}-${uniqueId()}@example.com`, role, organization_id: orgA });
      tokens[name] = (await call("POST", `/admin/users/${user.body.id}/tokens`, tokens.platform, { name })).body.token as string;
    }
  });

  afterAll(() => platform?.stop());

  it("creates, reads, patches with optimistic concurrency and deletes a policy; the gateway enforces it at once", async () => {
    const created = await call("POST", "/admin/quota/policies", tokens.orgAdmin, { scope: "key", scope_id: keyA.keyId, requests_per_minute: 2, fail_mode: "closed" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: "quota_policy", scope: "key", scope_id: keyA.keyId, org_id: orgA, requests_per_minute: 2, token_budget: null, version: 1 });
    const id = created.body.id as string;
    expect((await call("GET", `/admin/quota/policies/${id}`, tokens.member)).body.id).toBe(id);

    // Time is the subject of a per-minute limit: keep the three requests inside one minute.
    await waitFor(() => new Date().getUTCSeconds() < 55, { timeoutMs: 10_000, intervalMs: 250, description: "room left in this minute" });
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await chat(keyA)).status);
    expect(statuses).toEqual([200, 200, 429]);

    const patched = await call("PATCH", `/admin/quota/policies/${id}`, tokens.orgAdmin, { requests_per_minute: null, token_budget: { limit: 50_000, period: "rolling_days:7" } });
    expect(patched.body).toMatchObject({ requests_per_minute: null, token_budget: { limit: 50_000, period: "rolling_days:7" }, version: 2 });
    const stale = await call("PATCH", `/admin/quota/policies/${id}?expected_version=1`, tokens.orgAdmin, { max_concurrent_requests: 3 });
    expect(stale.status).toBe(409);
    const answer = await chat(keyA);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-ratelimit-limit-tokens")).toBe("50000");

    const usage = await call("GET", `/admin/quota/policies/${id}/usage`, tokens.member);
    expect(usage.body.data).toEqual([expect.objectContaining({ object: "quota_usage", dimension: "token_budget", kind: "budget", limit: 50_000, held: 0 })]);
    expect(usage.body.data[0].used).toBeGreaterThan(0);

    expect((await call("DELETE", `/admin/quota/policies/${id}`, tokens.orgAdmin)).body).toEqual({ object: "quota_policy.deleted", id, deleted: true });
    expect((await call("GET", `/admin/quota/policies/${id}`, tokens.platform)).status).toBe(404);
  });

  it("keeps organizations apart and refuses members and invalid policies", async () => {
    const foreign = await call("POST", "/admin/quota/policies", tokens.orgAdmin, { scope: "project", scope_id: keyB.projectId, token_budget: { limit: 1, period: "day" } });
    expect([403, 404]).toContain(foreign.status);
    const byMember = await call("POST", "/admin/quota/policies", tokens.member, { scope: "key", scope_id: keyA.keyId, requests_per_minute: 1 });
    expect(byMember.status).toBe(403);
    const invalid = await call("POST", "/admin/quota/policies", tokens.orgAdmin, { scope: "key", scope_id: keyA.keyId, cost_budget: { limit_micros: -5, period: "week" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.type).toBe("invalid_request_error");
    expect(invalid.body.error.message).toContain("cost_budget.period");

    const platformMade = await call("POST", "/admin/quota/policies", tokens.platform, { scope: "project", scope_id: keyB.projectId, cost_budget: { limit_micros: 5_000_000, period: "month" } });
    expect(platformMade.status).toBe(201);
    expect((await call("GET", `/admin/quota/policies/${platformMade.body.id}`, tokens.orgAdmin)).status).toBe(404);
    const listed = await call("GET", "/admin/quota/policies", tokens.orgAdmin);
    expect(listed.body.data.every((policy: { org_id: string }) => policy.org_id === orgA)).toBe(true);
    expect((await call("GET", "/admin/quota/policies?scope=project", tokens.platform)).body.data.map((policy: { id: string }) => policy.id)).toContain(platformMade.body.id);
  });

  it("shows the defaults and settings from Nacos, and rebuilds the counters for a platform admin", async () => {
    const settings = await call("GET", "/admin/quota/settings", tokens.member);
    expect(settings.body).toMatchObject({ object: "quota_settings", timezone: "UTC", warning_thresholds_bps: [8000, 9500] });
    expect(settings.body.default_policies).toEqual([expect.objectContaining({ id: "default.key", requests_per_minute: 600, fail_mode: "open", is_default: true })]);
    const defaultUsage = await call("GET", `/admin/quota/policies/default.key/usage?subject_id=${keyA.keyId}`, tokens.orgAdmin);
    expect(defaultUsage.status).toBe(200);
    expect((await call("PATCH", "/admin/quota/policies/default.key", tokens.platform, { requests_per_minute: 1 })).status).toBe(400);

    expect((await call("POST", "/admin/quota/rebuild", tokens.orgAdmin)).status).toBe(403);
    const rebuilt = await call("POST", "/admin/quota/rebuild", tokens.platform);
    expect(rebuilt.body).toMatchObject({ object: "quota_rebuild" });
    await waitFor(async () => (await chat(keyA)).status === 200, { description: "requests admitted after the rebuild" });
  });

  it("refuses (400, naming the model) a request a cost budget applies to when no price plan prices its model", async () => {
    const key = await platform.createKey();
    const created = await call("POST", "/admin/quota/policies", tokens.platform, { scope: "key", scope_id: key.keyId, cost_budget: { limit_micros: 3_000, period: "month" } });
    expect(created.status).toBe(201);
    // The gateway's policy cache takes the new policy from quota's announcement.
    let answer = await chat(key);
    await waitFor(async () => (answer = await chat(key)).status === 400, { description: "the cost budget in the gateway" });
    const { error } = (await answer.json()) as { error: { message: string; type: string; param: string; code: string } };
    expect(error).toMatchObject({ type: "invalid_request_error", param: "model", code: "model_without_price_plan" });
    expect(error.message).toContain("'llmserve-demo' has no price plan");
    // A key without a cost budget still uses the unpriced model.
    expect((await chat(await platform.createKey())).status).toBe(200);
  });
  // A cost budget priced by a plan (per-request price, org modifier) is billing-admin-api.int.test.ts's.
});
