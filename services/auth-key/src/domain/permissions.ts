import { AppError } from "@llm-serve/common";
import type { Actor, Role } from "./actor.js";

export type Action =
  | "organization.create"
  | "organization.read"
  | "organization.update"
  | "organization.delete"
  | "project.create"
  | "project.read"
  | "project.update"
  | "project.delete"
  | "key.create"
  | "key.read"
  | "key.update"
  | "key.rotate"
  | "key.revoke"
  | "key.delete"
  | "key.quota_policies"
  | "user.create"
  | "user.read"
  | "user.update"
  | "user.delete"
  | "token.issue"
  | "token.read"
  | "token.revoke"
  | "audit.read"
  | "quickstart";

const EVERY_ROLE: readonly Role[] = ["platform_admin", "org_admin", "org_member", "billing_viewer"];
const ADMINS: readonly Role[] = ["platform_admin", "org_admin"];
const KEY_MANAGERS: readonly Role[] = ["platform_admin", "org_admin", "org_member"];

/**
 * The one table of who may do what. Every role but platform_admin acts only inside its own
 * organization; billing viewers only read.
 */
export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  "organization.create": ["platform_admin"],
  "organization.read": EVERY_ROLE,
  "organization.update": ADMINS,
  "organization.delete": ["platform_admin"],
  "project.create": ADMINS,
  "project.read": EVERY_ROLE,
  "project.update": ADMINS,
  "project.delete": ADMINS,
  "key.create": KEY_MANAGERS,
  "key.read": EVERY_ROLE,
  "key.update": KEY_MANAGERS,
  "key.rotate": KEY_MANAGERS,
  "key.revoke": KEY_MANAGERS,
  "key.delete": KEY_MANAGERS,
  // Attaching or detaching quota policies is the power to create them (the quota admin API's
  // writers): a member who could strip them could lift every limit an admin put on a key.
  "key.quota_policies": ADMINS,
  "user.create": ADMINS,
  "user.read": ADMINS,
  "user.update": ADMINS,
  "user.delete": ADMINS,
  "token.issue": ADMINS,
  "token.read": ADMINS,
  "token.revoke": ADMINS,
  "audit.read": ["platform_admin", "org_admin", "billing_viewer"],
  quickstart: ["platform_admin"],
};

/**
 * Refuses unless the actor's role may perform the action on a resource of `orgId`. `null` marks a
 * platform-level resource (no organization), which only platform admins touch.
 */
export function assertCan(actor: Actor, action: Action, orgId: string | null): void {
  if (!PERMISSIONS[action].includes(actor.role)) {
    throw new AppError("permission_denied", `The role ${actor.role} may not perform ${action}.`);
  }
  if (actor.role === "platform_admin") return;
  if (orgId === null || actor.orgId !== orgId) {
    throw new AppError("permission_denied", `You may not perform ${action} outside your organization.`);
  }
}
