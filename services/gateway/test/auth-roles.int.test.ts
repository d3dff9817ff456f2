import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthStack, type AuthStack, type CallResult } from "./auth-harness.js";

type ActorName = "platform" | "adminA" | "memberA" | "viewerA" | "adminB";
const ACTORS: readonly ActorName[] = ["platform", "adminA", "memberA", "viewerA", "adminB"];

interface Operation {
  name: string;
  allowed: readonly ActorName[];
  /** Prepares its own fresh target as the platform admin, then acts with `token`. */
  run(token: string): Promise<CallResult>;
}

/**
 * Every admin operation against every role: platform admin, org admin, member and billing viewer
 * of organization A, and the org admin of organization B (who must never reach into A).
 */
describe("role boundaries of the admin API", () => {
  let stack: AuthStack;
  const tokens = {} as Record<ActorName, string>;
  const users = {} as Record<ActorName, string>;
  const world = { orgA: "", orgB: "", projectA: "", projectB: "", keyA: "" };
  const asPlatform = (method: string, path: string, body?: unknown) => stack.call(method, path, { token: tokens.platform, body });
  const freshProject = async () => (await asPlatform("POST", `/admin/organizations/${world.orgA}/projects`, { name: "fresh" })).body.id as string;
  const freshKey = async () => (await asPlatform("POST", `/admin/projects/${world.projectA}/keys`, { name: "fresh" })).body.id as string;
  const freshUser = async () => (await asPlatform("POST", "/admin/users", { name: "fresh", role: "org_member", organization_id: world.orgA })).body.id as string;

  async function userWithToken(name: ActorName, role: string, orgId: string): Promise<void> {
    const user = await asPlatform("POST", "/admin/users", { name, role, organization_id: orgId });
    const token = await asPlatform("POST", `/admin/users/${user.body.id}/tokens`, { name: "test" });
    users[name] = user.body.id;
    tokens[name] = token.body.token;
  }

  beforeAll(async () => {
    stack = await startAuthStack("gwrole");
    tokens.platform = stack.adminToken;
    users.platform = (await stack.call("GET", "/admin/me", { token: tokens.platform })).body.user_id;
    world.orgA = (await asPlatform("POST", "/admin/organizations", { name: "A" })).body.id;
    world.orgB = (await asPlatform("POST", "/admin/organizations", { name: "B" })).body.id;
    world.projectA = (await asPlatform("POST", `/admin/organizations/${world.orgA}/projects`, { name: "A1" })).body.id;
    world.projectB = (await asPlatform("POST", `/admin/organizations/${world.orgB}/projects`, { name: "B1" })).body.id;
    world.keyA = await freshKey();
    await userWithToken("adminA", "org_admin", world.orgA);
    await userWithToken("memberA", "org_member", world.orgA);
    await userWithToken("viewerA", "billing_viewer", world.orgA);
    await userWithToken("adminB", "org_admin", world.orgB);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const everyoneInA: readonly ActorName[] = ["platform", "adminA", "memberA", "viewerA"];
  const adminsOfA: readonly ActorName[] = ["platform", "adminA"];
  const keyManagersOfA: readonly ActorName[] = ["platform", "adminA", "memberA"];

  const operations: Operation[] = [
    { name: "create an organization", allowed: ["platform"], run: (token) => stack.call("POST", "/admin/organizations", { token, body: { name: "new" } }) },
    { name: "read organization A", allowed: everyoneInA, run: (token) => stack.call("GET", `/admin/organizations/${world.orgA}`, { token }) },
    { name: "update organization A", allowed: adminsOfA, run: (token) => stack.call("PATCH", `/admin/organizations/${world.orgA}`, { token, body: { name: "A" } }) },
    {
      name: "delete an organization",
      allowed: ["platform"],
      run: async (token) => stack.call("DELETE", `/admin/organizations/${(await asPlatform("POST", "/admin/organizations", { name: "empty" })).body.id}`, { token }),
    },
    { name: "create a project in A", allowed: adminsOfA, run: (token) => stack.call("POST", `/admin/organizations/${world.orgA}/projects`, { token, body: { name: "p" } }) },
    { name: "list the projects of A", allowed: everyoneInA, run: (token) => stack.call("GET", `/admin/organizations/${world.orgA}/projects`, { token }) },
    { name: "read a project of A", allowed: everyoneInA, run: (token) => stack.call("GET", `/admin/projects/${world.projectA}`, { token }) },
    { name: "update a project of A", allowed: adminsOfA, run: (token) => stack.call("PATCH", `/admin/projects/${world.projectA}`, { token, body: { name: "A1" } }) },
    { name: "delete a project of A", allowed: adminsOfA, run: async (token) => stack.call("DELETE", `/admin/projects/${await freshProject()}`, { token }) },
    { name: "create a key in A", allowed: keyManagersOfA, run: (token) => stack.call("POST", `/admin/projects/${world.projectA}/keys`, { token, body: { name: "k" } }) },
    { name: "create a key in B", allowed: ["platform", "adminB"], run: (token) => stack.call("POST", `/admin/projects/${world.projectB}/keys`, { token, body: { name: "k" } }) },
    { name: "list the keys of A", allowed: everyoneInA, run: (token) => stack.call("GET", `/admin/projects/${world.projectA}/keys`, { token }) },
    { name: "read a key of A", allowed: everyoneInA, run: (token) => stack.call("GET", `/admin/keys/${world.keyA}`, { token }) },
    { name: "update a key of A", allowed: keyManagersOfA, run: async (token) => stack.call("PATCH", `/admin/keys/${await freshKey()}`, { token, body: { name: "renamed" } }) },
    { name: "rotate a key of A", allowed: keyManagersOfA, run: async (token) => stack.call("POST", `/admin/keys/${await freshKey()}/rotate`, { token, body: {} }) },
    { name: "revoke a key of A", allowed: keyManagersOfA, run: async (token) => stack.call("POST", `/admin/keys/${await freshKey()}/revoke`, { token, body: {} }) },
    { name: "delete a key of A", allowed: keyManagersOfA, run: async (token) => stack.call("DELETE", `/admin/keys/${await freshKey()}`, { token }) },
    { name: "create a user in A", allowed: adminsOfA, run: (token) => stack.call("POST", "/admin/users", { token, body: { name: "u", role: "org_member", organization_id: world.orgA } }) },
    { name: "create a platform admin", allowed: ["platform"], run: (token) => stack.call("POST", "/admin/users", { token, body: { name: "root", role: "platform_admin" } }) },
    { name: "list the users of A", allowed: adminsOfA, run: (token) => stack.call("GET", `/admin/users?organization_id=${world.orgA}`, { token }) },
    { name: "read the member of A", allowed: ["platform", "adminA", "memberA"], run: (token) => stack.call("GET", `/admin/users/${users.memberA}`, { token }) },
    { name: "read the platform admin", allowed: ["platform"], run: (token) => stack.call("GET", `/admin/users/${users.platform}`, { token }) },
    { name: "update a user of A", allowed: adminsOfA, run: async (token) => stack.call("PATCH", `/admin/users/${await freshUser()}`, { token, body: { name: "renamed" } }) },
    { name: "delete a user of A", allowed: adminsOfA, run: async (token) => stack.call("DELETE", `/admin/users/${await freshUser()}`, { token }) },
    { name: "issue a token to a user of A", allowed: adminsOfA, run: async (token) => stack.call("POST", `/admin/users/${await freshUser()}/tokens`, { token, body: {} }) },
    { name: "issue a token to the member of A", allowed: ["platform", "adminA", "memberA"], run: (token) => stack.call("POST", `/admin/users/${users.memberA}/tokens`, { token, body: {} }) },
    { name: "list the member's tokens", allowed: ["platform", "adminA", "memberA"], run: (token) => stack.call("GET", `/admin/users/${users.memberA}/tokens`, { token }) },
    {
      name: "revoke a token of a user of A",
      allowed: adminsOfA,
      run: async (token) => {
        const userId = await freshUser();
        const issued = await asPlatform("POST", `/admin/users/${userId}/tokens`, {});
        return stack.call("DELETE", `/admin/users/${userId}/tokens/${issued.body.id}`, { token });
      },
    },
    { name: "read the audit trail of A", allowed: ["platform", "adminA", "viewerA"], run: (token) => stack.call("GET", `/admin/audit?organization_id=${world.orgA}`, { token }) },
    { name: "run the quickstart", allowed: ["platform"], run: (token) => stack.call("POST", "/admin/quickstart", { token, body: {} }) },
  ];

  const cases = operations.flatMap((operation) => ACTORS.map((actor) => ({ operation, actor, allowed: operation.allowed.includes(actor) })));

  it.each(cases.map((entry) => [entry.operation.name, entry.actor, entry.allowed ? "allowed" : "refused", entry] as const))("%s as %s: %s", async (_name, actor, _outcome, entry) => {
    const result = await entry.operation.run(tokens[actor]);
    if (entry.allowed) expect(result.status, JSON.stringify(result.body)).toBeLessThan(300);
    else {
      expect(result.status, JSON.stringify(result.body)).toBe(403);
      expect(result.body.error).toMatchObject({ type: "invalid_request_error", code: "permission_denied" });
    }
  });

  it("shows each organization's admins only their own organization, users and audit records", async () => {
    const organizations = await stack.call("GET", "/admin/organizations", { token: tokens.adminB });
    expect(organizations.body.data.map((org: { id: string }) => org.id)).toEqual([world.orgB]);
    const people = await stack.call("GET", "/admin/users", { token: tokens.adminB });
    expect(people.body.data.map((user: { id: string }) => user.id)).toEqual([users.adminB]);
    const trail = await stack.call("GET", "/admin/audit?limit=500", { token: tokens.adminB });
    expect(trail.body.data.length).toBeGreaterThan(0);
    expect(trail.body.data.every((record: { organization_id: string }) => record.organization_id === world.orgB)).toBe(true);
  });

  it("lets no org admin promote anyone to platform admin", async () => {
    const promoted = await stack.call("PATCH", `/admin/users/${users.memberA}`, { token: tokens.adminA, body: { role: "platform_admin" } });
    expect(promoted.status).toBe(400);
    const self = await stack.call("PATCH", `/admin/users/${users.adminA}`, { token: tokens.adminA, body: { role: "org_member" } });
    expect(self.status).toBe(409);
  });

  it("lets a member revoke their own token, and then it is refused", async () => {
    const issued = await stack.call("POST", `/admin/users/${users.memberA}/tokens`, { token: tokens.memberA, body: { name: "spare" } });
    expect(issued.status).toBe(201);
    const revoked = await stack.call("DELETE", `/admin/users/${users.memberA}/tokens/${issued.body.id}`, { token: tokens.memberA });
    expect(revoked.status).toBe(200);
    expect((await stack.call("GET", "/admin/me", { token: issued.body.token })).status).toBe(401);
    expect((await stack.call("GET", "/admin/me", { token: tokens.memberA })).status).toBe(200);
  });
});
