import { uniqueId, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type Platform } from "./platform-fixture.js";

type Answer = { status: number; body: Record<string, any> };

/** Three requests a minute per key, refused (not admitted) when Redis is unsure: the platform's default. */
const DEFAULT_REQUESTS_PER_MINUTE = 3;

/**
 * Issue 13, item 4, tried as an attacker would: an org admin (or member) with a valid admin token
 * trying to lift or move the limits a platform admin and the Nacos defaults put on their keys.
 */
describe("tenant admins cannot lift platform limits", () => {
  let platform: Platform;
  let orgA = "";
  let orgB = "";
  let projectA = "";
  const tokens: Record<"platform" | "orgAdmin" | "member", string> = { platform: "", orgAdmin: "", member: "" };

  const call = async (method: string, path: string, token: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${platform.gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const newKey = async (body: Record<string, unknown> = {}) => {
    const created = await call("POST", `/admin/projects/${projectA}/keys`, tokens.platform, { name: "k", ...body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { id: created.body.id as string, secret: created.body.key as string };
  };
  const chat = async (secret: string) => {
    const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: "hi" }], max_tokens: 5 }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  /** Per-minute limits count per clock minute: keep a burst inside one. */
  const roomInThisMinute = () => waitFor(() => new Date().getUTCSeconds() < 50, { timeoutMs: 15_000, intervalMs: 250, description: "room left in this minute" });

  beforeAll(async () => {
    platform = await startPlatform({ QUOTA_DEFAULT_POLICIES: JSON.stringify([{ scope: "key", requests_per_minute: DEFAULT_REQUESTS_PER_MINUTE, fail_mode: "closed" }]) });
    tokens.platform = platform.adminToken;
    orgA = (await call("POST", "/admin/organizations", tokens.platform, { name: "A" })).body.id as string;
    orgB = (await call("POST", "/admin/organizations", tokens.platform, { name: "B" })).body.id as string;
    projectA = (await call("POST", `/admin/organizations/${orgA}/projects`, tokens.platform, { name: "A1" })).body.id as string;
    for (const [name, role] of [["orgAdmin", "org_admin"], ["member", "org_member"]] as const) {
      const user = await call("POST", "/admin/users", tokens.platform, { name, email: `${name}-${uniqueId()}@example.com`, role, organization_id: orgA });
      tokens[name] = (await call("POST", `/admin/users/${user.body.id}/tokens`, tokens.platform, { name })).body.token as string;
    }
  }, 120_000);

  afterAll(() => platform?.stop());

  it("refuses an org admin changing or deleting a budget a platform admin set (403), and leaves it as it was", async () => {
    const key = await newKey();
    const budget = await call("POST", "/admin/quota/policies", tokens.platform, { scope: "key", scope_id: key.id, token_budget: { limit: 10_000, period: "month" } });
    const id = budget.body.id as string;
    const lifted = await call("PATCH", `/admin/quota/policies/${id}`, tokens.orgAdmin, { token_budget: { limit: 1_000_000_000_000, period: "month" } });
    expect(lifted.status).toBe(403);
    expect(lifted.body.error).toMatchObject({ code: "permission_denied" });
    expect((await call("DELETE", `/admin/quota/policies/${id}`, tokens.orgAdmin)).status).toBe(403);
    expect((await call("GET", `/admin/quota/policies/${id}`, tokens.platform)).body).toMatchObject({ version: 1, token_budget: { limit: 10_000 } });
    expect((await call("GET", `/admin/quota/policies/${id}`, tokens.orgAdmin)).body).toMatchObject({ id, org_id: orgA, owner: "platform" });

    // The org admin's own policies stay theirs to change.
    const own = await call("POST", "/admin/quota/policies", tokens.orgAdmin, { scope: "key", scope_id: key.id, model: "llmserve-demo", requests_per_minute: 100 });
    expect(own.body).toMatchObject({ owner: "org" });
    expect((await call("PATCH", `/admin/quota/policies/${own.body.id}`, tokens.orgAdmin, { requests_per_minute: 50 })).status).toBe(200);
    expect((await call("DELETE", `/admin/quota/policies/${own.body.id}`, tokens.orgAdmin)).status).toBe(200);
  });

  it("keeps the default limit on a key whose org admin wrote requests_per_minute 1e15, fail_mode open: the default refuses", async () => {
    const key = await newKey();
    const loose = await call("POST", "/admin/quota/policies", tokens.orgAdmin, { scope: "key", scope_id: key.id, requests_per_minute: 1e15, fail_mode: "open" });
    expect(loose.status).toBe(201);

    await roomInThisMinute();
    const answers = [];
    for (let index = 0; index <= DEFAULT_REQUESTS_PER_MINUTE; index += 1) answers.push(await chat(key.secret));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers.at(-1)!.body.error).toMatchObject({ code: "rate_limit_exceeded" });
    expect(answers.at(-1)!.body.error.message).toContain("default.key");
    expect((await call("GET", `/admin/quota/policies/${loose.body.id}`, tokens.orgAdmin)).body).toMatchObject({ owner: "org", requests_per_minute: 1e15 });
  });

  it("still lets a platform admin give one key more than the default", async () => {
    const key = await newKey();
    const generous = await call("POST", "/admin/quota/policies", tokens.platform, { scope: "key", scope_id: key.id, requests_per_minute: 100 });
    await roomInThisMinute();
    const statuses = [];
    for (let index = 0; index <= DEFAULT_REQUESTS_PER_MINUTE; index += 1) statuses.push((await chat(key.secret)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(generous.body.owner).toBe("platform");
  });

  it("refuses moving a policy to another organization or subject, or changing its owner (400)", async () => {
    const key = await newKey();
    const own = await call("POST", "/admin/quota/policies", tokens.orgAdmin, { scope: "key", scope_id: key.id, token_budget: { limit: 5_000, period: "day" } });
    const id = own.body.id as string;
    for (const token of [tokens.orgAdmin, tokens.platform]) {
      const moved = await call("PATCH", `/admin/quota/policies/${id}`, token, { org_id: orgB });
      expect(moved.status).toBe(400);
      expect(moved.body.error).toMatchObject({ type: "invalid_request_error", param: "org_id" });
    }
    expect((await call("PATCH", `/admin/quota/policies/${id}`, tokens.orgAdmin, { scope_id: (await newKey()).id })).body.error).toMatchObject({ param: "scope_id" });
    expect((await call("PATCH", `/admin/quota/policies/${id}`, tokens.orgAdmin, { owner: "platform" })).status).toBe(400);
    expect((await call("GET", `/admin/quota/policies/${id}`, tokens.platform)).body).toMatchObject({ org_id: orgA, scope_id: key.id, owner: "org", version: 1 });
  });

  it("refuses a member stripping a key's quota_policy_ids, and an org admin detaching a platform policy", async () => {
    const template = await call("POST", "/admin/quota/policies", tokens.platform, { scope: "project", scope_id: projectA, model: "llmserve-demo", requests_per_minute: 1 });
    const key = await newKey({ quota_policy_ids: [template.body.id] });
    const byMember = await call("PATCH", `/admin/keys/${key.id}`, tokens.member, { quota_policy_ids: [] });
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.code).toBe("permission_denied");
    expect((await call("PATCH", `/admin/keys/${key.id}`, tokens.orgAdmin, { quota_policy_ids: [] })).status).toBe(403);
    expect((await call("POST", `/admin/projects/${projectA}/keys`, tokens.member, { name: "k", quota_policy_ids: [template.body.id] })).status).toBe(403);
    expect((await call("GET", `/admin/keys/${key.id}`, tokens.platform)).body.quota_policy_ids).toEqual([template.body.id]);

    // Members still manage keys otherwise; org admins attach their own organization's policies.
    expect((await call("PATCH", `/admin/keys/${key.id}`, tokens.member, { name: "renamed" })).status).toBe(200);
    const own = await call("POST", "/admin/quota/policies", tokens.orgAdmin, { scope: "project", scope_id: projectA, model: "other-model", requests_per_minute: 5 });
    // Even an id of the member's own organization: attaching is the power to create (auth-key refuses).
    const byMemberOwnOrg = await call("PATCH", `/admin/keys/${key.id}`, tokens.member, { quota_policy_ids: [template.body.id, own.body.id] });
    expect(byMemberOwnOrg.status).toBe(403);
    expect(byMemberOwnOrg.body.error.message).toContain("key.quota_policies");
    const attached = await call("PATCH", `/admin/keys/${key.id}`, tokens.orgAdmin, { quota_policy_ids: [template.body.id, own.body.id] });
    expect(attached.status).toBe(200);
    expect(attached.body.quota_policy_ids).toEqual([template.body.id, own.body.id]);
  });
});
