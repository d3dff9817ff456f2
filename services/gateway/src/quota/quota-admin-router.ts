import { Router, type Request, type Response } from "express";
import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { authKeyV1, quotaV1 } from "@llm-serve/proto";
import type { PolicySpecInput } from "@llm-serve/quota-engine";
import { withRefusalAudit } from "../admin/refusal-audit.js";
import { ANY_ADMIN_ROLE, adminOf, assertOrgAccess, requireAdmin } from "../auth/require-admin.js";
import { locals } from "../http/request-context.js";
import type { AdminAuthenticator, AdminIdentity } from "../ports/authenticator.js";
import { mergePatch, parsePolicyBody, policyBodyToProto, policyProtoToBody } from "./quota-admin-body.js";
import { policyView, settingsView, usageView } from "./quota-admin-views.js";
import { MAX_PAGE_SIZE, pageInGateway, pageOf, readPageQuery } from "../openapi/list-page.js";

export interface QuotaAdminDeps {
  quota: ServiceClient<typeof quotaV1.QuotaServiceService>;
  authAdmin: ServiceClient<typeof authKeyV1.AuthAdminServiceService>;
  adminAuthenticator: AdminAuthenticator;
  /** This gateway applies a change at once; the others on the quota service's announcement. */
  onPolicyChanged: () => Promise<unknown>;
}

const WRITERS = ["platform_admin", "org_admin"] as const;

const options = (response: Response) => ({ requestId: locals(response).requestId });
const policyId = (request: Request) => String(request.params.policyId);

/**
 * The admin REST API of quota policies (mounted at /admin). Everyone signed in may read the
 * policies of their own organization; platform and org admins may create them; an org admin only
 * for subjects (org, project, key) that auth-key places in their organization. A policy belongs to
 * the level of whoever created it (`owner`: platform or org), and only that level or above may
 * change or delete it; its subject and organization never change (ADR 0016).
 */
export function quotaAdminRouter(deps: QuotaAdminDeps): Router {
  const routes = Router();
  addReadRoutes(routes, deps);
  addWriteRoutes(routes, deps);
  return withRefusalAudit(routes);
}

/** The owner level a new policy gets: the creator's, never anything else. */
const ownerOf = (admin: AdminIdentity) => (admin.role === "platform_admin" ? "platform" : "org");

/** A platform policy (or one of unknown owner) is the platform's to change, not a tenant's. */
function assertMayChange(admin: AdminIdentity, policy: quotaV1.QuotaPolicy): void {
  if (admin.role === "platform_admin" || policy.owner === "org") return;
  throw new AppError("permission_denied", `quota policy ${policy.id} is owned by the platform; only a platform admin may change or delete it`);
}

/** The fields that say what a policy limits and whose it is: fixed at creation. */
const SUBJECT_FIELDS = ["scope", "scope_id", "org_id", "model"] as const;

function assertSubjectUnchanged(current: Record<string, unknown>, patch: unknown): void {
  if (patch === null || typeof patch !== "object") return;
  for (const field of SUBJECT_FIELDS) {
    if (!(field in patch)) continue;
    const value = (patch as Record<string, unknown>)[field];
    if (value !== current[field]) throw new AppError("invalid_request", `${field} of a quota policy cannot change; create another policy`, { details: { param: field } });
  }
}

function addReadRoutes(routes: Router, deps: QuotaAdminDeps): void {
  const readers = requireAdmin(deps.adminAuthenticator, ANY_ADMIN_ROLE);
  routes.get("/quota/policies", readers, async (request, response) => {
    const admin = adminOf(response);
    const query = request.query as Record<string, string | undefined>;
    const orgId = admin.role === "platform_admin" ? (query.org_id ?? "") : admin.orgId;
    const pageQuery = readPageQuery(request.query);
    const page = await deps.quota.listPolicies(
      { scope: query.scope ?? "", scopeId: query.scope_id ?? "", orgId, pageSize: pageQuery.limit ?? MAX_PAGE_SIZE, pageToken: pageQuery.after ?? "", order: pageQuery.order },
      options(response),
    );
    response.json({ ...pageOf(page.policies.map(policyView), (policy) => policy.id, page.nextPageToken !== ""), next_after: page.nextPageToken || null });
  });
  routes.get("/quota/policies/:policyId", readers, async (request, response) => {
    response.json(policyView(await readablePolicy(deps, request, response)));
  });
  routes.get("/quota/policies/:policyId/usage", readers, async (request, response) => {
    const policy = await readablePolicy(deps, request, response);
    const subjectId = String(request.query.subject_id ?? "");
    if (policy.isDefault && subjectId !== "" && adminOf(response).role !== "platform_admin") await subjectOrg(deps, request, response, policy.scope, subjectId);
    const { usage } = await deps.quota.getUsage({ policyId: policy.id, subjectId }, options(response));
    response.json(pageInGateway(usage.map(usageView), (item) => `${item.subject_id}/${item.dimension}`, readPageQuery(request.query)));
  });
  routes.get("/quota/settings", readers, async (_request, response) => {
    response.json(settingsView(await deps.quota.getPolicySnapshot({}, options(response))));
  });
}

function addWriteRoutes(routes: Router, deps: QuotaAdminDeps): void {
  const writers = requireAdmin(deps.adminAuthenticator, WRITERS);
  routes.post("/quota/policies", writers, async (request, response) => {
    const body = parsePolicyBody(request.body);
    const orgId = await subjectOrg(deps, request, response, body.scope, body.scope_id ?? "", body.org_id);
    const { policy } = await deps.quota.createPolicy({ policy: { ...policyBodyToProto({ ...body, org_id: orgId }), owner: ownerOf(adminOf(response)) } }, options(response));
    await deps.onPolicyChanged();
    response.status(201).json(policyView(policy));
  });
  routes.patch("/quota/policies/:policyId", writers, async (request, response) => {
    const current = await readablePolicy(deps, request, response);
    if (current.isDefault) throw new AppError("invalid_request", "Default policies come from the Nacos config llm-serve.quota (QUOTA_DEFAULT_POLICIES).");
    assertMayChange(adminOf(response), current);
    const written = policyProtoToBody(current);
    assertSubjectUnchanged(written, request.body);
    const body: PolicySpecInput = parsePolicyBody(mergePatch(written, request.body));
    const expected = request.query.expected_version === undefined ? current.version : Number(request.query.expected_version);
    const { policy } = await deps.quota.updatePolicy({ policy: policyBodyToProto(body, current.id), expectedVersion: expected }, options(response));
    await deps.onPolicyChanged();
    response.json(policyView(policy));
  });
  routes.delete("/quota/policies/:policyId", writers, async (request, response) => {
    const current = await readablePolicy(deps, request, response);
    assertMayChange(adminOf(response), current);
    await deps.quota.deletePolicy({ id: current.id }, options(response));
    await deps.onPolicyChanged();
    response.json({ object: "quota_policy.deleted", id: current.id, deleted: true });
  });
  routes.post("/quota/rebuild", requireAdmin(deps.adminAuthenticator, ["platform_admin"]), async (_request, response) => {
    const report = await deps.quota.rebuildCounters({}, { ...options(response), deadlineMs: 60_000 });
    response.json({ object: "quota_rebuild", buckets: report.counters, duration_ms: report.durationMs });
  });
}

/** A policy the caller may see: platform admins see all; others their organization's and the defaults. */
async function readablePolicy(deps: QuotaAdminDeps, request: Request, response: Response): Promise<quotaV1.QuotaPolicy> {
  const { policy } = await deps.quota.getPolicy({ id: policyId(request) }, options(response));
  const admin = adminOf(response);
  if (!policy!.isDefault && admin.role !== "platform_admin" && policy!.orgId !== admin.orgId) {
    throw new AppError("not_found", `quota policy ${policyId(request)} does not exist`, { details: { param: "id" } });
  }
  return policy!;
}

/**
 * The organization of the limited subject, as auth-key knows it (auth-key also refuses subjects
 * outside the caller's organization); it must agree with a stated org_id.
 */
async function subjectOrg(deps: QuotaAdminDeps, request: Request, response: Response, scope: string, scopeId: string, stated?: string): Promise<string> {
  const admin = adminOf(response);
  const actor = { userId: admin.userId, role: admin.role, orgId: admin.orgId, clientIp: request.ip ?? "" };
  let orgId = scopeId;
  if (scope === "org") orgId = (await deps.authAdmin.getOrganization({ actor, id: scopeId }, options(response))).organization?.id ?? "";
  if (scope === "project") orgId = (await deps.authAdmin.getProject({ actor, id: scopeId }, options(response))).project?.orgId ?? "";
  if (scope === "key") orgId = (await deps.authAdmin.getKey({ actor, id: scopeId }, options(response))).key?.orgId ?? "";
  if (stated && stated !== orgId) throw new AppError("invalid_request", `org_id ${stated} is not the organization of ${scope} ${scopeId}`, { details: { param: "org_id" } });
  assertOrgAccess(admin, orgId);
  return orgId;
}
