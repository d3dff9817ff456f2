import type { Request, Response } from "express";
import type { CallOptions, ServiceClient } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import { adminOf, ANY_ADMIN_ROLE, type AdminRole } from "../auth/require-admin.js";
import { locals } from "../http/request-context.js";
import type { AdminAuthenticator } from "../ports/authenticator.js";

export interface AuthAdminDeps {
  adminAuthenticator: AdminAuthenticator;
  admin: ServiceClient<typeof authKeyV1.AuthAdminServiceService>;
  /** Drops this instance's cache of a key at once (the others follow the key events). */
  onKeyChanged(keyId: string): void;
}

/**
 * The roles each group of routes admits at the edge. auth-key decides the rest with the full
 * permission table, including that everyone but platform admins stays inside their organization.
 */
export const ROLES = {
  everyone: ANY_ADMIN_ROLE,
  admins: ["platform_admin", "org_admin"],
  keyManagers: ["platform_admin", "org_admin", "org_member"],
  platform: ["platform_admin"],
  auditReaders: ["platform_admin", "org_admin", "billing_viewer"],
} as const satisfies Record<string, readonly AdminRole[]>;

/** Who calls, as auth-key's audit trail records it. */
export function actorOf(request: Request, response: Response): authKeyV1.Actor {
  const admin = adminOf(response);
  return { userId: admin.userId, role: admin.role, orgId: admin.orgId, clientIp: request.ip ?? "" };
}

/** The request id travels to auth-key, into its logs and audit records. */
export function callOptions(response: Response): CallOptions {
  return { requestId: locals(response).requestId };
}

export function param(request: Request, name: string): string {
  return String(request.params[name] ?? "");
}
