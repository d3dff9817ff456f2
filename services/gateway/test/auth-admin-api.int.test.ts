import { statSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthStack, type AuthStack } from "./auth-harness.js";

/** Every admin operation through the gateway's REST API, as the bootstrap platform admin. */
describe("admin REST API of organizations, projects, keys, users and the audit trail", () => {
  let stack: AuthStack;
  let token: string;
  const ids: Record<string, string> = {};
  const call = (method: string, path: string, body?: unknown) => stack.call(method, path, { token, body });

  beforeAll(async () => {
    stack = await startAuthStack("gwadm");
    token = stack.adminToken;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("writes the bootstrap admin token to an owner-only file with a first-key recipe that works", async () => {
    expect(statSync(stack.bootstrapFile).mode & 0o777).toBe(0o600);
    const document = JSON.parse(readFileSync(stack.bootstrapFile, "utf8")) as Record<string, string>;
    expect(document.admin_token).toMatch(/^llms-admin-[A-Za-z0-9_-]{43}$/);
    expect(document.create_first_key).toContain("/admin/quickstart");
    expect(document.create_first_key).toContain(`Authorization: Bearer ${document.admin_token}`);
    expect(stack.authKey.output()).not.toContain(document.admin_token);

    const me = await call("GET", "/admin/me");
    expect(me.body).toEqual({ object: "admin_identity", user_id: document.user_id, role: "platform_admin", organization_id: null });
    const body = JSON.parse(/-d '(.*)'$/.exec(document.create_first_key ?? "")?.[1] ?? "null") as unknown;
    const quick = await call("POST", "/admin/quickstart", body);
    expect(quick.status).toBe(201);
    expect(quick.body.organization).toMatchObject({ object: "organization", name: "My org" });
    expect(quick.body.project).toMatchObject({ object: "project", name: "My project", organization_id: quick.body.organization.id });
    expect(quick.body.key).toMatch(/^sk-llms-/);
    expect(quick.body.api_key).toMatchObject({ name: "My first key", status: "active", key: quick.body.key });
    const models = await stack.call("GET", "/v1/models", { token: quick.body.key });
    expect(models.status).toBe(200);
  });

  it("refuses the admin API without a valid admin token, in OpenAI's error shape", async () => {
    const missing = await stack.call("GET", "/admin/organizations");
    expect(missing.status).toBe(401);
    expect(Object.keys(missing.body.error).sort()).toEqual(["code", "message", "param", "type"]);
    const wrong = await stack.call("GET", "/admin/organizations", { token: `llms-admin-${"x".repeat(43)}` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_admin_token");
    const apiKey = await stack.call("GET", "/admin/organizations", { token: `sk-llms-${"x".repeat(43)}` });
    expect(apiKey.status).toBe(401);
  });

  it("creates, lists, reads, updates and deletes organizations", async () => {
    const created = await call("POST", "/admin/organizations", { name: "Acme", metadata: { plan: "pro" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: "organization", name: "Acme", metadata: { plan: "pro" } });
    ids.org = created.body.id;
    expect((await call("GET", "/admin/organizations")).body.data.map((org: { id: string }) => org.id)).toContain(ids.org);
    expect((await call("GET", `/admin/organizations/${ids.org}`)).body.name).toBe("Acme");
    const updated = await call("PATCH", `/admin/organizations/${ids.org}`, { name: "Acme Inc" });
    expect(updated.body).toMatchObject({ name: "Acme Inc", metadata: { plan: "pro" } });

    const spare = await call("POST", "/admin/organizations", { name: "Spare" });
    expect((await call("DELETE", `/admin/organizations/${spare.body.id}`)).body).toEqual({ object: "organization.deleted", id: spare.body.id, deleted: true });
    expect((await call("GET", `/admin/organizations/${spare.body.id}`)).status).toBe(404);
  });

  it("validates bodies and names the bad parameter", async () => {
    const empty = await call("POST", "/admin/organizations", { name: "" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.param).toBe("name");
    const unknown = await call("POST", "/admin/organizations", { name: "x", colour: "red" });
    expect(unknown.status).toBe(400);
    const cidr = await call("POST", `/admin/organizations/${ids.org}/projects`, { name: "p", quota_policy_ids: ["has space"] });
    expect(cidr.status).toBe(400);
    expect(cidr.body.error.param).toBe("quota_policy_ids");
  });

  it("creates, lists, reads, updates and deletes projects", async () => {
    const created = await call("POST", `/admin/organizations/${ids.org}/projects`, { name: "Search", quota_policy_ids: ["qp_1"] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: "project", organization_id: ids.org, name: "Search", quota_policy_ids: ["qp_1"] });
    ids.project = created.body.id;
    expect((await call("GET", `/admin/organizations/${ids.org}/projects`)).body.data).toHaveLength(1);
    expect((await call("GET", `/admin/projects/${ids.project}`)).body.name).toBe("Search");
    expect((await call("PATCH", `/admin/projects/${ids.project}`, { quota_policy_ids: ["qp_1", "qp_2"] })).body.quota_policy_ids).toEqual(["qp_1", "qp_2"]);

    const doomed = await call("POST", `/admin/organizations/${ids.org}/projects`, { name: "Doomed" });
    const doomedKey = await call("POST", `/admin/projects/${doomed.body.id}/keys`, { name: "k" });
    expect((await call("DELETE", `/admin/projects/${doomed.body.id}`)).body.deleted).toBe(true);
    expect((await call("GET", `/admin/keys/${doomedKey.body.id}`)).status).toBe(404);
    expect((await stack.call("GET", "/v1/models", { token: doomedKey.body.key })).status).toBe(401);
  });

  it("refuses to delete an organization that still has projects", async () => {
    const refused = await call("DELETE", `/admin/organizations/${ids.org}`);
    expect(refused.status).toBe(409);
  });

  it("creates a key shown once, lists and reads it redacted, updates, rotates, revokes and deletes it", async () => {
    const created = await call("POST", `/admin/projects/${ids.project}/keys`, {
      name: "backend",
      allowed_models: ["gpt-4o*"],
      allowed_endpoints: ["chat.completions", "models"],
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
      ip_allow_list: ["127.0.0.0/8"],
      metadata: { owner: "search-team" },
    });
    expect(created.status).toBe(201);
    const secret = created.body.key as string;
    expect(secret).toMatch(/^sk-llms-[A-Za-z0-9_-]{43}$/);
    expect(created.body.signing_secret).toMatch(/^llms-sig-/);
    expect(created.body.redacted_value).toBe(`${secret.slice(0, 12)}…${secret.slice(-4)}`);
    ids.key = created.body.id;

    const listed = await call("GET", `/admin/projects/${ids.project}/keys`);
    expect(listed.body.data).toHaveLength(1);
    const read = await call("GET", `/admin/keys/${ids.key}`);
    for (const view of [listed.body.data[0], read.body]) {
      expect(JSON.stringify(view)).not.toContain(secret);
      expect(view).not.toHaveProperty("key");
      expect(view).not.toHaveProperty("signing_secret");
    }
    expect(read.body).toMatchObject({ status: "active", allowed_models: ["gpt-4o*"], ip_allow_list: ["127.0.0.0/8"], metadata: { owner: "search-team" } });

    const updated = await call("PATCH", `/admin/keys/${ids.key}`, { allowed_models: [], expires_at: null, name: "backend-2" });
    expect(updated.body).toMatchObject({ name: "backend-2", allowed_models: [], expires_at: null });

    const rotated = await call("POST", `/admin/keys/${ids.key}/rotate`, { grace_period_seconds: 60 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.key).not.toBe(secret);
    expect(Date.parse(rotated.body.previous_secret_expires_at)).toBeGreaterThan(Date.now() + 50_000);
    expect((await stack.call("GET", "/v1/models", { token: secret })).status).toBe(200);
    expect((await stack.call("GET", "/v1/models", { token: rotated.body.key })).status).toBe(200);

    const revoked = await call("POST", `/admin/keys/${ids.key}/revoke`, { reason: "rotation drill" });
    expect(revoked.body).toMatchObject({ status: "revoked" });
    expect((await stack.call("GET", "/v1/models", { token: rotated.body.key })).status).toBe(401);
    expect((await call("PATCH", `/admin/keys/${ids.key}`, { name: "again" })).status).toBe(409);
    expect((await call("DELETE", `/admin/keys/${ids.key}`)).body).toEqual({ object: "api_key.deleted", id: ids.key, deleted: true });
    expect((await call("GET", `/admin/keys/${ids.key}`)).status).toBe(404);
  });

  it("creates, lists, reads, updates and deletes users, and issues, lists and revokes their tokens", async () => {
    const created = await call("POST", "/admin/users", { name: "Ada", email: "ada@example.com", role: "org_admin", organization_id: ids.org });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: "user", role: "org_admin", organization_id: ids.org, status: "active" });
    ids.user = created.body.id;
    expect((await call("GET", `/admin/users?organization_id=${ids.org}`)).body.data.map((user: { id: string }) => user.id)).toEqual([ids.user]);
    expect((await call("GET", "/admin/users")).body.data.length).toBeGreaterThanOrEqual(2);
    expect((await call("GET", `/admin/users/${ids.user}`)).body.email).toBe("ada@example.com");
    expect((await call("PATCH", `/admin/users/${ids.user}`, { role: "org_member" })).body.role).toBe("org_member");
    expect((await call("POST", "/admin/users", { name: "No org", role: "org_member" })).status).toBe(400);

    const issued = await call("POST", `/admin/users/${ids.user}/tokens`, { name: "laptop" });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^llms-admin-/);
    const asUser = await stack.call("GET", "/admin/me", { token: issued.body.token });
    expect(asUser.body).toMatchObject({ user_id: ids.user, role: "org_member", organization_id: ids.org });
    const tokens = await call("GET", `/admin/users/${ids.user}/tokens`);
    expect(tokens.body.data).toHaveLength(1);
    expect(JSON.stringify(tokens.body)).not.toContain(issued.body.token);
    expect((await call("DELETE", `/admin/users/${ids.user}/tokens/${issued.body.id}`)).body.revoked_at).not.toBeNull();
    expect((await stack.call("GET", "/admin/me", { token: issued.body.token })).status).toBe(401);

    const second = await call("POST", `/admin/users/${ids.user}/tokens`, {});
    expect((await call("PATCH", `/admin/users/${ids.user}`, { status: "disabled" })).body.status).toBe("disabled");
    expect((await stack.call("GET", "/admin/me", { token: second.body.token })).status).toBe(401);
    expect((await call("DELETE", `/admin/users/${ids.user}`)).body.deleted).toBe(true);
    expect((await call("GET", `/admin/users/${ids.user}`)).status).toBe(404);
  });

  it("keeps an admin from locking themselves out", async () => {
    const me = (await call("GET", "/admin/me")).body.user_id as string;
    expect((await call("DELETE", `/admin/users/${me}`)).status).toBe(409);
    expect((await call("PATCH", `/admin/users/${me}`, { status: "disabled" })).status).toBe(409);
  });

  it("answers audit queries with filters and paging: who, what, when, from where, before and after", async () => {
    const trail = await call("GET", `/admin/audit?organization_id=${ids.org}&limit=500`);
    const actions = trail.body.data.map((record: { action: string }) => record.action);
    for (const action of ["organization.create", "organization.update", "project.create", "project.update", "project.delete", "key.create", "key.update", "key.rotate", "key.revoke", "key.delete", "user.create", "user.update", "user.delete", "token.issue", "token.revoke"]) {
      expect(actions).toContain(action);
    }
    const rotation = trail.body.data.find((record: { action: string }) => record.action === "key.rotate");
    expect(rotation).toMatchObject({ actor: { role: "platform_admin", ip: "127.0.0.1" }, resource: { type: "api_key", id: ids.key }, organization_id: ids.org });
    expect(rotation.request_id).toMatch(/^req_/);
    expect(Date.parse(rotation.occurred_at)).toBeGreaterThan(Date.now() - 600_000);
    expect(rotation.before.last_four).not.toBe(rotation.after.last_four);

    const onlyKeys = await call("GET", `/admin/audit?resource_id=${ids.key}`);
    expect(onlyKeys.body.data.map((record: { action: string }) => record.action)).toEqual(["key.delete", "key.revoke", "key.rotate", "key.update", "key.create"]);
    const page = await call("GET", `/admin/audit?resource_id=${ids.key}&limit=2`);
    expect(page.body).toMatchObject({ has_more: true });
    const next = await call("GET", `/admin/audit?resource_id=${ids.key}&limit=2&before=${page.body.next_before}`);
    expect(next.body.data.map((record: { action: string }) => record.action)).toEqual(["key.rotate", "key.update"]);
    const byAction = await call("GET", "/admin/audit?action=token.revoke");
    expect(byAction.body.data.every((record: { action: string }) => record.action === "token.revoke")).toBe(true);
    const future = await call("GET", `/admin/audit?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future.body.data).toEqual([]);
  });
});
