import { Router, type Request, type Response } from "express";
import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { billingV1 } from "@llm-serve/proto";
import { ANY_ADMIN_ROLE, adminOf, assertOrgAccess, requireAdmin } from "../auth/require-admin.js";
import { locals } from "../http/request-context.js";
import type { AdminAuthenticator } from "../ports/authenticator.js";
import { accountSchema, createPlanSchema, modifierSchema, parseBody, rulesToProto, versionBodyToProto } from "./billing-admin-body.js";
import { billToCsv } from "./bill-csv.js";
import { billView, modifierView, planView, spendView } from "./billing-admin-views.js";
import { estimateRoute } from "./billing-estimate-route.js";

export interface BillingAdminDeps {
  billing: ServiceClient<typeof billingV1.BillingServiceService>;
  adminAuthenticator: AdminAuthenticator;
}

const options = (response: Response) => ({ requestId: locals(response).requestId });
const query = (request: Request) => request.query as Record<string, string | undefined>;
const limitOf = (request: Request) => Number(query(request).limit ?? 20) || 20;

/**
 * The admin REST API of billing (mounted at /admin): price plans are platform-wide (every admin
 * reads them, platform admins write them); bills and spend belong to an org (its admins and
 * billing viewers read them, platform admins read all).
 */
export function billingAdminRouter(deps: BillingAdminDeps): Router {
  const routes = Router();
  const readers = requireAdmin(deps.adminAuthenticator, ANY_ADMIN_ROLE);
  const platform = requireAdmin(deps.adminAuthenticator, ["platform_admin"]);
  addPlanRoutes(routes, deps, readers, platform);
  addBillRoutes(routes, deps, readers, platform);
  routes.post("/billing/estimate", readers, estimateRoute(deps.billing));
  return routes;
}

function addPlanRoutes(routes: Router, deps: BillingAdminDeps, readers: ReturnType<typeof requireAdmin>, platform: ReturnType<typeof requireAdmin>): void {
  routes.get("/billing/plans", readers, async (request, response) => {
    const page = await deps.billing.listPricePlans({ limit: limitOf(request), after: query(request).after ?? "" }, options(response));
    response.json({ object: "list", data: page.plans.map(planView), has_more: page.hasMore });
  });
  routes.get("/billing/plans/:planId", readers, async (request, response) => {
    const { plan } = await deps.billing.getPricePlan({ id: String(request.params.planId) }, options(response));
    response.json(planView(plan!));
  });
  routes.post("/billing/plans", platform, async (request, response) => {
    const body = parseBody(createPlanSchema, request.body, "price plan");
    const { plan } = await deps.billing.createPricePlan({ id: body.id, name: body.name, currency: body.currency, effectiveFrom: body.effective_from ?? "", rules: rulesToProto(body.rules) }, options(response));
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
    response.json({ object: "list", data: modifiers.map(modifierView), has_more: false });
  });
}

function addBillRoutes(routes: Router, deps: BillingAdminDeps, readers: ReturnType<typeof requireAdmin>, platform: ReturnType<typeof requireAdmin>): void {
  routes.put("/billing/accounts/:orgId", platform, async (request, response) => {
    const body = parseBody(accountSchema, request.body, "billing account");
    const { account } = await deps.billing.setBillingAccount({ account: { orgId: String(request.params.orgId), anchorDay: body.anchor_day, timezone: body.timezone } }, options(response));
    response.json({ object: "billing.account", org_id: account!.orgId, anchor_day: account!.anchorDay, timezone: account!.timezone });
  });
  routes.get("/billing/spend", readers, async (request, response) => {
    const orgId = orgOf(request, response);
    const spend = await deps.billing.getSpend({ orgId, groupBy: query(request).group_by ?? "" }, options(response));
    response.json(spendView(orgId, spend));
  });
  routes.get("/billing/bills", readers, async (request, response) => {
    const page = await deps.billing.listBills({ orgId: orgOf(request, response), limit: limitOf(request), after: query(request).after ?? "" }, options(response));
    response.json({ object: "list", data: page.bills.map(billView), has_more: page.hasMore });
  });
  routes.get("/billing/bills/:billId", readers, async (request, response) => {
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
    const orgId = typeof request.body?.org_id === "string" ? request.body.org_id : "";
    const { bills } = await deps.billing.closeDueCycles({ orgId }, { ...options(response), deadlineMs: 60_000 });
    response.json({ object: "list", data: bills.map(billView), has_more: false });
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
