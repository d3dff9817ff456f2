import type { Router } from "express";
import { authKeyV1, billingV1 } from "@llm-serve/proto";
import type { ModuleContext } from "../modules.js";
import { billingAdminRouter } from "./billing-admin-router.js";

/** The admin REST API of billing, proxied to the billing service over gRPC (found through Nacos). */
export function createBillingModule(context: ModuleContext): { adminRouter?: Router } {
  if (!context.adminAuthenticator) return {};
  const billing = context.runtime.client(billingV1.BillingServiceService, "billing", {
    idempotent: ["getPricePlan", "listPricePlans", "estimateCost", "getSpend", "listBills", "getBill", "getPendingUsage", "listPriceModifiers"],
    deadlineMs: 10_000,
  });
  const authAdmin = context.runtime.client(authKeyV1.AuthAdminServiceService, "auth-key", { idempotent: ["getProject"] });
  return { adminRouter: billingAdminRouter({ billing, authAdmin, adminAuthenticator: context.adminAuthenticator }) };
}
