import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Router } from "express";
import { uniqueId } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthAdminRouter } from "../src/admin/auth-admin-router.js";
import type { AuthAdminDeps } from "../src/admin/auth-admin-context.js";
import { alertsAdminRouter, type AlertsAdminDeps } from "../src/alerts/alerts-admin-router.js";
import { billingAdminRouter, type BillingAdminDeps } from "../src/billing/billing-admin-router.js";
import { sessionRouter, sessionSignInRouter, type SessionRoutesDeps } from "../src/console/session-routes.js";
import { analyticsAdminRouter, type AnalyticsAdminDeps } from "../src/analytics/analytics-admin-router.js";
import { quotaAdminRouter, type QuotaAdminDeps } from "../src/quota/quota-admin-router.js";
import { adminRoutingRouter, type AdminRoutingDeps } from "../src/routing/admin-routing-router.js";
import { adminStatusRouter, type AdminStatusDeps } from "../src/routes/admin-status.js";
import { startAuthStack, type AuthStack, type CallResult } from "./auth-harness.js";

/** The columns of the documented table, in its order. */
const ROLES = ["anonymous", "api_key", "project_admin", "other_org_admin", "org_admin", "platform_admin"] as const;
type RoleName = (typeof ROLES)[number];

const SECURITY_DOC = resolve(dirname(fileURLToPath(import.meta.url)), "../../../docs/security.md");

/** Every route the gateway's admin routers declare, as `METHOD /admin/path` (nested routers walked). */
function declaredRoutes(router: Router): string[] {
  const routes: string[] = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as Array<{ route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }>) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) routes.push(`${method.toUpperCase()} /admin${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: unknown[] }).stack);
  return routes;
}

function gatewayAdminRoutes(): string[] {
  // The factories only register handlers: their dependencies are used when a request comes.
  const unused = {} as never;
  return [
    ...declaredRoutes(createAuthAdminRouter({ adminAuthenticator: unused, admin: unused, onKeyChanged: () => undefined } satisfies AuthAdminDeps)),
    ...declaredRoutes(quotaAdminRouter({ quota: unused, authAdmin: unused, adminAuthenticator: unused, onPolicyChanged: async () => undefined } satisfies QuotaAdminDeps)),
    ...declaredRoutes(adminRoutingRouter({ registry: unused, adminAuthenticator: unused, table: unused, engine: unused } satisfies AdminRoutingDeps)),
    ...declaredRoutes(billingAdminRouter({ billing: unused, authAdmin: unused, adminAuthenticator: unused } satisfies BillingAdminDeps)),
    ...declaredRoutes(analyticsAdminRouter({ analytics: unused, adminAuthenticator: unused } satisfies AnalyticsAdminDeps)),
    ...declaredRoutes(alertsAdminRouter({ alerts: unused, authAdmin: unused, adminAuthenticator: unused } satisfies AlertsAdminDeps)),
    ...declaredRoutes(sessionSignInRouter({ tokens: unused, adminAuthenticator: unused, sessions: unused } satisfies SessionRoutesDeps)),
    ...declaredRoutes(adminStatusRouter({ status: unused, adminAuthenticator: unused, intervalMs: unused } satisfies AdminStatusDeps)),
    ...declaredRoutes(sessionRouter({ tokens: unused, adminAuthenticator: unused, sessions: unused } satisfies SessionRoutesDeps)),
  ];
}

/** The documented answers: the table between the admin-matrix markers of docs/security.md. */
function documentedMatrix(): Map<string, Record<RoleName, number>> {
  const text = readFileSync(SECURITY_DOC, "utf8");
  const table = /<!-- admin-matrix:start -->([\s\S]*?)<!-- admin-matrix:end -->/.exec(text)?.[1] ?? "";
  const matrix = new Map<string, Record<RoleName, number>>();
  for (const line of table.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim().replace(/`/g, ""));
    // The route is the cell's first words; a note in brackets may follow it.
    const route = /^(GET|POST|PUT|PATCH|DELETE) \/admin\S*/.exec(cells[1] ?? "")?.[0];
    if (!route) continue;
    matrix.set(route, Object.fromEntries(ROLES.map((role, index) => [role, Number(cells[index + 2])])) as Record<RoleName, number>);
  }
  return matrix;
}

interface World {
  orgA: string;
  projectA: string;
  keyA: string;
  targetUser: string;
  secondAdminA: string;
  policyA: string;
  model: string;
}

type Target = { path: string; body?: unknown };
type Prepare = (world: World) => Promise<Target> | Target;

const modelBody = (id: string) => ({
  id,
  price_plan_id: "plan-standard",
  capability: { endpoints: ["chat.completions"], context_window: 8192, max_output_tokens: 1024 },
  deployments: [{ id: "mock", provider_type: "mock", upstream_model: "mock-1" }],
});

describe("the admin API: every route × every role is the documented answer (docs/security.md)", () => {
  let stack: AuthStack;
  const tokens = {} as Record<RoleName, string | undefined>;
  const userIds = {} as Record<RoleName, string>;
  const world = {} as World;
  const asPlatform = async (method: string, path: string, body?: unknown) => {
    const answer = await stack.call(method, path, { token: tokens.platform_admin, body });
    if (answer.status >= 300) throw new Error(`${method} ${path} as the platform answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body as Record<string, any>;
  };
  const freshOrgProject = async () => (await asPlatform("POST", `/admin/organizations/${world.orgA}/projects`, { name: "fresh" })).id as string;
  const freshKey = async () => (await asPlatform("POST", `/admin/projects/${world.projectA}/keys`, { name: "fresh" })).id as string;
  const freshUser = async (role = "org_member") => (await asPlatform("POST", "/admin/users", { name: "fresh", role, organization_id: world.orgA })).id as string;
  const freshPolicy = async () => (await asPlatform("POST", "/admin/quota/policies", { scope: "key", scope_id: await freshKey(), token_budget: { limit: 1_000_000, period: "month" } })).id as string;
  const planBody = (id: string) => ({ id, currency: "USD", effective_from: "2026-01-01T00:00:00Z", rules: [{ prices: { input_per_million: 1_000_000, output_per_million: 2_000_000 } }] });
  const freshPlan = async () => (await asPlatform("POST", "/admin/billing/plans", planBody(uniqueId("matrix-plan")))).id as string;
  const alertBody = (orgId: string) => ({ name: "errors", kind: "error_rate", threshold: 50, window_seconds: 60, org_id: orgId });
  const freshAlertRule = async () => (await asPlatform("POST", "/admin/alerts/rules", alertBody(world.orgA))).id as string;
  const freshModel = async () => (await asPlatform("POST", "/admin/models", modelBody(uniqueId("matrix-model")))).id as string;

  /** How each route is called: its path parameters filled, a body, fresh targets for destructive verbs. */
  const targets: Record<string, Prepare> = {
    "GET /admin/me": () => ({ path: "/admin/me" }),
    "POST /admin/quickstart": () => ({ path: "/admin/quickstart", body: {} }),
    "GET /admin/audit": (w) => ({ path: `/admin/audit?organization_id=${w.orgA}` }),
    "POST /admin/organizations": () => ({ path: "/admin/organizations", body: { name: "new" } }),
    "GET /admin/organizations": () => ({ path: "/admin/organizations" }),
    "GET /admin/organizations/:organizationId": (w) => ({ path: `/admin/organizations/${w.orgA}` }),
    "PATCH /admin/organizations/:organizationId": (w) => ({ path: `/admin/organizations/${w.orgA}`, body: { name: "A" } }),
    "DELETE /admin/organizations/:organizationId": async () => ({ path: `/admin/organizations/${(await asPlatform("POST", "/admin/organizations", { name: "empty" })).id}` }),
    "POST /admin/organizations/:organizationId/projects": (w) => ({ path: `/admin/organizations/${w.orgA}/projects`, body: { name: "p" } }),
    "GET /admin/organizations/:organizationId/projects": (w) => ({ path: `/admin/organizations/${w.orgA}/projects` }),
    "GET /admin/projects/:projectId": (w) => ({ path: `/admin/projects/${w.projectA}` }),
    "PATCH /admin/projects/:projectId": (w) => ({ path: `/admin/projects/${w.projectA}`, body: { name: "A1" } }),
    "DELETE /admin/projects/:projectId": async () => ({ path: `/admin/projects/${await freshOrgProject()}` }),
    "POST /admin/projects/:projectId/keys": (w) => ({ path: `/admin/projects/${w.projectA}/keys`, body: { name: "k" } }),
    "GET /admin/projects/:projectId/keys": (w) => ({ path: `/admin/projects/${w.projectA}/keys` }),
    "GET /admin/keys/:keyId": (w) => ({ path: `/admin/keys/${w.keyA}` }),
    "PATCH /admin/keys/:keyId": async () => ({ path: `/admin/keys/${await freshKey()}`, body: { name: "renamed" } }),
    "POST /admin/keys/:keyId/rotate": async () => ({ path: `/admin/keys/${await freshKey()}/rotate`, body: {} }),
    "POST /admin/keys/:keyId/revoke": async () => ({ path: `/admin/keys/${await freshKey()}/revoke`, body: {} }),
    "DELETE /admin/keys/:keyId": async () => ({ path: `/admin/keys/${await freshKey()}` }),
    "POST /admin/users": (w) => ({ path: "/admin/users", body: { name: "u", role: "org_member", organization_id: w.orgA } }),
    "GET /admin/users": (w) => ({ path: `/admin/users?organization_id=${w.orgA}` }),
    "GET /admin/users/:userId": (w) => ({ path: `/admin/users/${w.targetUser}` }),
    "PATCH /admin/users/:userId": async () => ({ path: `/admin/users/${await freshUser()}`, body: { name: "renamed" } }),
    "DELETE /admin/users/:userId": async () => ({ path: `/admin/users/${await freshUser()}` }),
    // Minting a token for another org admin of the same organization (issue 13, item 6).
    "POST /admin/users/:userId/tokens": (w) => ({ path: `/admin/users/${w.secondAdminA}/tokens`, body: { name: "minted" } }),
    "GET /admin/users/:userId/tokens": (w) => ({ path: `/admin/users/${w.targetUser}/tokens` }),
    "DELETE /admin/users/:userId/tokens/:tokenId": async () => {
      const userId = await freshUser();
      return { path: `/admin/users/${userId}/tokens/${(await asPlatform("POST", `/admin/users/${userId}/tokens`, {})).id}` };
    },
    "GET /admin/quota/policies": () => ({ path: "/admin/quota/policies" }),
    // A budget a platform admin set on a key of organization A.
    "GET /admin/quota/policies/:policyId": (w) => ({ path: `/admin/quota/policies/${w.policyA}` }),
    "GET /admin/quota/policies/:policyId/usage": (w) => ({ path: `/admin/quota/policies/${w.policyA}/usage` }),
    "GET /admin/quota/settings": () => ({ path: "/admin/quota/settings" }),
    "POST /admin/quota/policies": async () => ({ path: "/admin/quota/policies", body: { scope: "key", scope_id: await freshKey(), requests_per_minute: 1_000 } }),
    "PATCH /admin/quota/policies/:policyId": async () => ({ path: `/admin/quota/policies/${await freshPolicy()}`, body: { token_budget: { limit: 1_000_000_000_000, period: "month" } } }),
    "DELETE /admin/quota/policies/:policyId": async () => ({ path: `/admin/quota/policies/${await freshPolicy()}` }),
    "POST /admin/quota/rebuild": () => ({ path: "/admin/quota/rebuild" }),
    "GET /admin/models": () => ({ path: "/admin/models" }),
    "POST /admin/models": () => ({ path: "/admin/models", body: modelBody(uniqueId("matrix-model")) }),
    "GET /admin/models/:model": (w) => ({ path: `/admin/models/${w.model}` }),
    "PUT /admin/models/:model": (w) => ({ path: `/admin/models/${w.model}`, body: { ...modelBody(w.model), description: "changed" } }),
    "DELETE /admin/models/:model": async () => ({ path: `/admin/models/${await freshModel()}` }),
    "GET /admin/models/:model/versions": (w) => ({ path: `/admin/models/${w.model}/versions` }),
    "POST /admin/models/:model/check": (w) => ({ path: `/admin/models/${w.model}/check` }),
    "GET /admin/providers": () => ({ path: "/admin/providers" }),
    "GET /admin/routing": () => ({ path: "/admin/routing" }),
    "GET /admin/status": () => ({ path: "/admin/status" }),
    "GET /admin/billing/plans": () => ({ path: "/admin/billing/plans" }),
    "POST /admin/billing/plans": () => ({ path: "/admin/billing/plans", body: planBody(uniqueId("matrix-plan")) }),
    "GET /admin/billing/plans/:planId": () => ({ path: "/admin/billing/plans/plan-standard" }),
    "POST /admin/billing/plans/:planId/versions": async () => ({ path: `/admin/billing/plans/${await freshPlan()}/versions`, body: { effective_from: "2030-01-01T00:00:00Z", rules: planBody("").rules } }),
    "POST /admin/billing/modifiers": (w) => ({ path: "/admin/billing/modifiers", body: { scope: "project", scope_id: w.projectA, multiplier_ppm: 1_000_000 } }),
    "GET /admin/billing/modifiers": () => ({ path: "/admin/billing/modifiers" }),
    "PUT /admin/billing/accounts/:orgId": (w) => ({ path: `/admin/billing/accounts/${w.orgA}`, body: { anchor_day: 1, timezone: "UTC" } }),
    "GET /admin/billing/spend": (w) => ({ path: `/admin/billing/spend?org_id=${w.orgA}` }),
    "GET /admin/billing/bills": (w) => ({ path: `/admin/billing/bills?org_id=${w.orgA}` }),
    // No bill exists yet (closing needs a past cycle): the role check answers before the lookup.
    "GET /admin/billing/bills/:billId": () => ({ path: "/admin/billing/bills/bill_unknown" }),
    "POST /admin/billing/cycles/close": (w) => ({ path: "/admin/billing/cycles/close", body: { org_id: w.orgA } }),
    "GET /admin/billing/pending": () => ({ path: "/admin/billing/pending" }),
    "GET /admin/usage": (w) => ({ path: `/admin/usage?org_id=${w.orgA}` }),
    "POST /admin/billing/estimate": (w) => ({ path: "/admin/billing/estimate", body: { model: w.model, usage: { input_tokens: 1_000, output_tokens: 100 } } }),
    "GET /admin/alerts/rules": () => ({ path: "/admin/alerts/rules" }),
    "POST /admin/alerts/rules": (w) => ({ path: "/admin/alerts/rules", body: alertBody(w.orgA) }),
    "GET /admin/alerts/rules/:ruleId": async () => ({ path: `/admin/alerts/rules/${await freshAlertRule()}` }),
    "GET /admin/alerts/rules/:ruleId/incidents": async () => ({ path: `/admin/alerts/rules/${await freshAlertRule()}/incidents` }),
    "PUT /admin/alerts/rules/:ruleId": async (w) => ({ path: `/admin/alerts/rules/${await freshAlertRule()}`, body: { ...alertBody(w.orgA), threshold: 60 } }),
    "DELETE /admin/alerts/rules/:ruleId": async () => ({ path: `/admin/alerts/rules/${await freshAlertRule()}` }),
    "POST /admin/session": () => ({ path: "/admin/session" }),
    "GET /admin/session": () => ({ path: "/admin/session" }),
    "DELETE /admin/session": () => ({ path: "/admin/session" }),
  };

  const routes = gatewayAdminRoutes();
  const documented = documentedMatrix();

  beforeAll(async () => {
    stack = await startAuthStack("gwmatrix", {
      // Anonymous and API-key cells are failed admin logins: they must not block the test's own IP.
      gatewayEnv: { AUTH_FAILURE_LIMIT: "1000000" },
      services: [
        { name: "quota", env: {} },
        { name: "model-registry", env: { SECRETS_KEY: randomBytes(32).toString("base64"), HEALTH_PROBE_INTERVAL_MS: "0" } },
        { name: "billing", env: { BILLING_CLOSE_CHECK_MS: "0", BILLING_PENDING_RETRY_MS: "0", BILLING_MODEL_PLAN_CACHE_MS: "0" } },
        { name: "analytics", env: { ALERT_EVALUATION_INTERVAL_MS: "0" } },
      ],
    });
    tokens.platform_admin = stack.adminToken;
    userIds.platform_admin = (await asPlatform("GET", "/admin/me")).user_id as string;
    userIds.anonymous = "";
    userIds.api_key = "";
    world.orgA = (await asPlatform("POST", "/admin/organizations", { name: "A" })).id as string;
    const orgB = (await asPlatform("POST", "/admin/organizations", { name: "B" })).id as string;
    world.projectA = (await asPlatform("POST", `/admin/organizations/${world.orgA}/projects`, { name: "A1" })).id as string;
    const issued = await asPlatform("POST", `/admin/projects/${world.projectA}/keys`, { name: "A key" });
    world.keyA = issued.id as string;
    tokens.api_key = issued.key as string;
    for (const [role, userRole, orgId] of [["project_admin", "org_member", world.orgA], ["org_admin", "org_admin", world.orgA], ["other_org_admin", "org_admin", orgB]] as const) {
      const user = await asPlatform("POST", "/admin/users", { name: role, role: userRole, organization_id: orgId });
      userIds[role] = user.id as string;
      tokens[role] = (await asPlatform("POST", `/admin/users/${user.id}/tokens`, { name: role })).token as string;
    }
    world.targetUser = await freshUser();
    world.secondAdminA = await freshUser("org_admin");
    world.policyA = await freshPolicy();
    world.model = await freshModel();
    await asPlatform("POST", "/admin/billing/plans", planBody("plan-standard"));
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("documents every admin route the gateway declares, and no other", () => {
    expect(routes.length).toBeGreaterThan(40);
    expect([...documented.keys()].sort()).toEqual([...new Set(routes)].sort());
    expect(Object.keys(targets).sort()).toEqual([...new Set(routes)].sort());
  });

  it("lets an org admin mint tokens for themself and their members, never for another org admin; the audit record names who minted for whom", async () => {
    const refused = await stack.call("POST", `/admin/users/${world.secondAdminA}/tokens`, { token: tokens.org_admin, body: { name: "impersonation" } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("permission_denied");
    expect((await stack.call("GET", "/admin/me", { token: tokens.org_admin })).status).toBe(200);
    expect((await stack.call("POST", `/admin/users/${userIds.org_admin}/tokens`, { token: tokens.org_admin, body: { name: "own" } })).status).toBe(201);
    const forMember = await stack.call("POST", `/admin/users/${world.targetUser}/tokens`, { token: tokens.org_admin, body: { name: "onboarding" } });
    expect(forMember.status).toBe(201);

    const minted = await stack.call("POST", `/admin/users/${world.secondAdminA}/tokens`, { token: tokens.platform_admin, body: { name: "by the platform" } });
    expect(minted.status).toBe(201);
    const trail = await stack.call("GET", `/admin/audit?action=token.issue&resource_id=${minted.body.id}`, { token: tokens.platform_admin });
    expect(trail.body.data).toEqual([expect.objectContaining({ action: "token.issue", actor: expect.objectContaining({ id: userIds.platform_admin }) })]);
    expect(trail.body.data[0].after).toMatchObject({ user_id: world.secondAdminA, on_behalf_of: world.secondAdminA });
    const own = await stack.call("GET", `/admin/audit?action=token.issue&resource_id=${forMember.body.id}`, { token: tokens.org_admin });
    expect(own.body.data[0]).toMatchObject({ actor: { id: userIds.org_admin }, after: { on_behalf_of: world.targetUser } });
  });

  const cells = gatewayAdminRoutes().flatMap((route) => ROLES.map((role) => [route, role] as const));

  it.each(cells)("%s as %s", async (route, role) => {
    const expected = documented.get(route)?.[role];
    expect(expected, `docs/security.md has no answer for ${route} as ${role}`).toBeTypeOf("number");
    const target = await targets[route]!(world);
    const result: CallResult = await stack.call(route.split(" ")[0]!, target.path, { token: tokens[role], body: target.body });
    expect(result.status, JSON.stringify(result.body)).toBe(expected);
    if (result.status < 400) return;
    expect(result.body.error).toMatchObject({ message: expect.any(String), type: expect.any(String) });
    // Every refusal leaves one structured audit line naming who asked.
    const requestId = result.headers.get("x-request-id");
    const line = stack.logs.lines.find((entry) => entry.requestId === requestId && (entry.audit as { event?: string } | undefined)?.event === "admin.refused");
    expect(line?.audit, `no audit line for request ${requestId}`).toMatchObject({ method: route.split(" ")[0], status: result.status, actor_id: userIds[role], code: expect.any(String) });
  });
});
