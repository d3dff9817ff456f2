import {
  accountSchema,
  billQuerySchema,
  closeCyclesSchema,
  createPlanSchema,
  estimateSchema,
  modifierQuerySchema,
  modifierSchema,
  orgQuerySchema,
  spendQuerySchema,
  versionSchema,
} from "../billing/billing-admin-body.js";
import type { AdminOperation } from "./admin-operation.js";
import * as billing from "./billing-view-schemas.js";

const EVERYONE = "any admin role";
const PLATFORM = "platform_admin";
const ORG_READERS = "platform_admin, org_admin (own organization), billing_viewer (own organization)";

/** The admin routes of billing (ADR 0018): plans and modifiers, accounts, spend, bills, estimates. */
export const BILLING_OPERATIONS: AdminOperation[] = [
  { method: "get", path: "/admin/billing/plans", name: "ListPricePlans", tag: "billing", summary: "Price plans with every version, in id order (paged by billing).", roles: EVERYONE, response: billing.pricePlan, list: { ordered: true } },
  { method: "post", path: "/admin/billing/plans", name: "CreatePricePlan", tag: "billing", summary: "Create a price plan with its first version.", roles: PLATFORM, body: createPlanSchema, status: 201, response: billing.pricePlan, errors: [409] },
  { method: "get", path: "/admin/billing/plans/:planId", name: "GetPricePlan", tag: "billing", summary: "One price plan with every version.", roles: EVERYONE, response: billing.pricePlan },
  {
    method: "post",
    path: "/admin/billing/plans/:planId/versions",
    name: "AddPricePlanVersion",
    tag: "billing",
    summary: "Append a version (effective later than the last one); versions are never edited.",
    roles: PLATFORM,
    body: versionSchema,
    status: 201,
    response: billing.pricePlan,
  },
  { method: "post", path: "/admin/billing/modifiers", name: "CreatePriceModifier", tag: "billing", summary: "An org or project multiplier (ppm) from its effective time on.", roles: PLATFORM, body: modifierSchema, status: 201, response: billing.priceModifier },
  { method: "get", path: "/admin/billing/modifiers", name: "ListPriceModifiers", tag: "billing", summary: "Price modifiers, by scope.", roles: PLATFORM, query: modifierQuerySchema, response: billing.priceModifier, list: { ordered: true } },
  { method: "put", path: "/admin/billing/accounts/:orgId", name: "SetBillingAccount", tag: "billing", summary: "An org's billing cycle: anchor day and time zone.", roles: PLATFORM, body: accountSchema, response: billing.billingAccount },
  { method: "get", path: "/admin/billing/spend", name: "GetSpend", tag: "billing", summary: "Month-to-date spend of an org and a forecast to the cycle end.", roles: ORG_READERS, query: spendQuerySchema, response: billing.spend },
  { method: "get", path: "/admin/billing/bills", name: "ListBills", tag: "billing", summary: "An org's closed bills, newest first (paged by billing).", roles: ORG_READERS, query: orgQuerySchema, response: billing.bill, list: { ordered: "desc" } },
  {
    method: "get",
    path: "/admin/billing/bills/:billId",
    name: "GetBill",
    tag: "billing",
    summary: "One frozen bill as JSON, or its line items as CSV (`format=csv`, text/csv).",
    roles: ORG_READERS,
    query: billQuerySchema,
    response: billing.bill,
  },
  { method: "post", path: "/admin/billing/cycles/close", name: "CloseDueCycles", tag: "billing", summary: "Close every due cycle now (one org's, or all).", roles: PLATFORM, body: closeCyclesSchema, response: billing.bill, list: {} },
  { method: "get", path: "/admin/billing/pending", name: "GetPendingUsage", tag: "billing", summary: "Usage held because no plan prices it yet.", roles: PLATFORM, response: billing.pendingUsage },
  { method: "post", path: "/admin/billing/estimate", name: "EstimateCost", tag: "billing", summary: "The cost of token counts, or of an API request body, with the plan in force.", roles: EVERYONE, body: estimateSchema, response: billing.costEstimate, errors: [404] },
];

