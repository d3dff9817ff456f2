import type { RequestHandler, Response } from "express";
import { AppError } from "@llm-serve/common";
import type { AdminAuthenticator, AdminIdentity } from "../ports/authenticator.js";

export type AdminRole = AdminIdentity["role"];

/** Every role: for read-only routes that any signed-in admin user may call. */
export const ANY_ADMIN_ROLE: readonly AdminRole[] = ["platform_admin", "org_admin", "org_member", "billing_viewer"];

/**
 * Express middleware for admin routes: authenticates `Authorization: Bearer <admin token>`, refuses
 * roles not listed (403), and leaves the identity on `response.locals.admin` (read it with
 * `adminOf(response)`). Org scoping (an org admin may only touch its own org) stays with each route,
 * which knows which org a resource belongs to: see `assertOrgAccess`.
 */
export function requireAdmin(adminAuthenticator: AdminAuthenticator, allowedRoles: readonly AdminRole[]): RequestHandler {
  return (request, response, next) => {
    // The edge authenticated the token before reading the body (http/authenticate.ts): one check.
    const authenticated = response.locals.authenticatedAdmin as AdminIdentity | undefined;
    (authenticated ? Promise.resolve(authenticated) : adminAuthenticator.authenticateAdmin(request)).then(
      (admin) => {
        // Kept even when refused, so that the refusal's audit line names who asked.
        response.locals.admin = admin;
        if (!allowedRoles.includes(admin.role)) {
          next(new AppError("permission_denied", `The role ${admin.role} may not perform this operation.`));
          return;
        }
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** The admin that `requireAdmin` authenticated for this request. */
export function adminOf(response: Response): AdminIdentity {
  const admin = response.locals.admin as AdminIdentity | undefined;
  if (!admin) throw new Error("admin route mounted without requireAdmin");
  return admin;
}

/** Platform admins reach every org; everyone else only their own. */
export function assertOrgAccess(admin: AdminIdentity, orgId: string): void {
  if (admin.role === "platform_admin") return;
  if (admin.orgId !== orgId) throw new AppError("permission_denied", "You do not have access to this organization.");
}
