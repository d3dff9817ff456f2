import type { Request, Response } from "express";
import { AppError } from "@llm-serve/common";
import type { CallOptions, ServiceClient } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import { adminOf, ANY_ADMIN_ROLE, type AdminRole } from "../auth/require-admin.js";
import { locals } from "../http/request-context.js";
import type { AdminAuthenticator } from "../ports/authenticator.js";
import { assertMayChangeAttachments, type QuotaClient } from "./quota-policy-attachments.js";

export interface AuthAdminDeps {
  adminAuthenticator: AdminAuthenticator;
  admin: ServiceClient<typeof authKeyV1.AuthAdminServiceService>;
  /** Who owns the quota policies that keys and projects name (absent: only platform admins may change those ids). */
  quota?: QuotaClient;
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

/**
 * Refuses a change of `quota_policy_ids` the caller could not have made by creating the policies
 * (see `assertMayChangeAttachments`). Without a quota client only platform admins pass.
 */
export async function guardAttachments(deps: AuthAdminDeps, response: Response, before: readonly string[], after: readonly string[] | undefined): Promise<void> {
  if (after === undefined) return;
  const admin = adminOf(response);
  if (!deps.quota) {
    if (admin.role !== "platform_admin" && JSON.stringify([...before].sort()) !== JSON.stringify([...after].sort())) {
      throw new AppError("permission_denied", "quota_policy_ids can be changed only by a platform admin here", { details: { param: "quota_policy_ids" } });
    }
    return;
  }
  await assertMayChangeAttachments(deps.quota, admin, { before, after }, callOptions(response));
}

/** The request id travels to auth-key, into its logs and audit records. */
export function callOptions(response: Response): CallOptions {
  return { requestId: locals(response).requestId };
}

export function param(request: Request, name: string): string {
  return String(request.params[name] ?? "");
}
