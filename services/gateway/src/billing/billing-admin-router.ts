import { Router, type Request, type Response } from "express";
import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { authKeyV1, billingV1 } from "@llm-serve/proto";
import { ANY_ADMIN_ROLE, adminOf, assertOrgAccess, requireAdmin } from "../auth/require-admin.js";
import { withRefusalAudit } from "../admin/refusal-audit.js";
import { locals } from "../http/request-context.js";
import type { AdminAuthenticator } from "../ports/authenticator.js";
import { accountSchema, closeCyclesSchema, createPlanSchema, modifierSchema, parseBody, rulesToProto, tiersToProto, versionBodyToProto } from "./billing-admin-body.js";
import { billToCsv } from "./bill-csv.js";
import { billView, modifierView, planView, spendView } from "./billing-admin-views.js";
import { estimateRoute } from "./billing-estimate-route.js";
import { MAX_PAGE_SIZE, pageInGateway, pageOf, readPageQuery } from "../openapi/list-page.js";

export interface BillingAdminDeps {
  billing: ServiceClient<typeof billingV1.BillingServiceService>;
  /** Whose a project is: an estimate for a project is allowed to its own org's admins only. */
  authAdmin: ServiceClient<typeof authKeyV1.AuthAdminServiceService>;
  adminAuthenticator: AdminAuthenticator;
}

const options = (response: Response) => ({ requestId: locals(response).requestId });
const query = (request: Request) => request.query as Record<string, string | undefined>;
/** `limit`, `after` and `order` as every admin list reads them (ADR 0019): a bad value is a 400. */
const pageOfRequest = (request: Request) => {
  const page = readPageQuery(request.query);
  return { limit: page.limit ?? MAX_PAGE_SIZE, after: page.after ?? "", order: page.order };
};
const byId = (item: { id: string }) => item.id;
/** Who reads an org's money: its admins and billing viewers (their own org), platform admins (any). */
const ORG_READERS = ["platform_admin", "org_admin", "billing_viewer"] as const;

/**
 * The admin REST API of billing (mounted at /admin): price plans are platform-wide (every admin
 * reads them, platform admins write them); bills and spend belong to an org (its admins and
 * billing viewers read them, platform admins read all; project members do not).
 */
export function billingAdminRouter(deps: BillingAdminDeps): Router {
  const routes = Router();
  const readers = requireAdmin(deps.adminAuthenticator, ANY_ADMIN_ROLE);
  const platform = requireAdmin(deps.adminAuthenticator, ["platform_admin"]);
  const orgReaders = requireAdmin(deps.adminAuthenticator, ORG_READERS);
  addPlanRoutes(routes, deps, readers, platform);
  addBillRoutes(routes, deps, orgReaders, platform);
  routes.post("/billing/estimate", readers, estimateRoute(deps));
  return withRefusalAudit(routes);
}

function addPlanRoutes(routes: Router, deps: BillingAdminDeps, readers: ReturnType<typeof requireAdmin>, platform: ReturnType<typeof requireAdmin>): void {
  routes.get("/billing/plans", readers, async (request, response) => {
    const page = await deps.billing.listPricePlans(pageOfRequest(request), options(response));
    response.json(pageOf(page.plans.map(planView), byId, page.hasMore));
  });
  routes.get("/billing/plans/:planId", readers, async (request, response) => {
    const { plan } = await deps.billing.getPricePlan({ id: String(request.params.planId) }, options(response));
    response.json(planView(plan!));
  });
  routes.post("/billing/plans", platform, async (request, response) => {
    const body = parseBody(createPlanSchema, request.body, "price plan");
    const { plan } = await deps.billing.createPricePlan({ id: body.id, name: body.name, currency: body.currency, effectiveFrom: body.effective_from ?? "", rules: rulesToProto(body.rules), volumeTiers: tiersToProto(body.volume_tiers) }, options(response));
    response.status(201).json(planView(plan!));
  });
  routes.post("/billing/plans/:planId/versions", platform, async (request, response) => {
    const { plan } = await deps.billing.addPricePlanVersion({ planId: String(request.params.planId), ...versionBodyToProto(request.body) }, options(response));
    response.status(201).json(planView(plan!));
  });
  routes.post("/billing/modifiers", platform, async (request, response) => {
    const body = parseBody(modifierSchema, request.body, "price modifier");
    const { modifier } = await deps.billing.createPriceModifier({ scope: body.scope, scopeId: body.scope_id, multiplierPpm: body.multiplier_ppm, effectiveFrom: body.effective_from ?? "" }, options(response));
    response.status(201).json(modifierView(modifier!));
  });
  routes.get("/billing/modifiers", platform, async (request, response) => {
    const { modifiers } = await deps.billing.listPriceModifiers({ scope: query(request).scope ?? "", scopeId: query(request).scope_id ?? "" }, options(response));
    // Modifiers are few (one per org or project change); billing answers them whole, the gateway pages them.
    response.json(pageInGateway(modifiers.map(modifierView), byId, readPageQuery(request.query)));
  });
}

function addBillRoutes(routes: Router, deps: BillingAdminDeps, orgReaders: ReturnType<typeof requireAdmin>, platform: ReturnType<typeof requireAdmin>): void {
  routes.put("/billing/accounts/:orgId", platform, async (request, response) => {
    const body = parseBody(accountSchema, request.body, "billing account");
    const { account } = await deps.billing.setBillingAccount({ account: { orgId: String(request.params.orgId), anchorDay: body.anchor_day, timezone: body.timezone } }, options(response));
    response.json({ object: "billing.account", org_id: account!.orgId, anchor_day: account!.anchorDay, timezone: account!.timezone });
  });
  routes.get("/billing/spend", orgReaders, async (request, response) => {
    const orgId = orgOf(request, response);
    const spend = await deps.billing.getSpend({ orgId, groupBy: query(request).group_by ?? "" }, options(response));
    response.json(spendView(orgId, spend));
  });
  routes.get("/billing/bills", orgReaders, async (request, response) => {
    const page = await deps.billing.listBills({ orgId: orgOf(request, response), ...pageOfRequest(request) }, options(response));
    response.json(pageOf(page.bills.map(billView), byId, page.hasMore));
  });
  routes.get("/billing/bills/:billId", orgReaders, async (request, response) => {
    const { bill } = await deps.billing.getBill({ id: String(request.params.billId) }, options(response));
    const admin = adminOf(response);
    if (admin.role !== "platform_admin" && bill!.orgId !== admin.orgId) throw new AppError("not_found", `bill ${bill!.id} does not exist`, { details: { param: "bill_id" } });
    if (query(request).format === "csv") {
      response.type("text/csv; charset=utf-8").attachment(`${bill!.id}.csv`).send(billToCsv(bill!));
      return;
    }
    response.json(billView(bill!));
  });
  routes.post("/billing/cycles/close", platform, async (request, response) => {
    const { org_id: orgId } = parseBody(closeCyclesSchema, request.body, "cycle close");
    const { bills } = await deps.billing.closeDueCycles({ orgId }, { ...options(response), deadlineMs: 60_000 });
    response.json(pageOf(bills.map(billView), byId, false));
  });
  routes.get("/billing/pending", platform, async (_request, response) => {
    const pending = await deps.billing.getPendingUsage({}, options(response));
    response.json({ object: "billing.pending_usage", events: pending.events, oldest_received_at: pending.oldestReceivedAt || null });
  });
}

/** The org a read is about: the caller's own, or any (named by org_id) for a platform admin. */
function orgOf(request: Request, response: Response): string {
  const admin = adminOf(response);
  const orgId = query(request).org_id ?? (admin.role === "platform_admin" ? "" : admin.orgId);
  if (orgId === "") throw new AppError("invalid_request", "org_id is required", { details: { param: "org_id" } });
  assertOrgAccess(admin, orgId);
  return orgId;
}
