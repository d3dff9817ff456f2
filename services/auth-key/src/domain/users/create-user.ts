import { AppError } from "@llm-serve/common";
import { isRole, type Actor, type Role } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { User } from "../model.js";
import { findOrganization } from "../organizations/get-organization.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import { newId } from "../secrets.js";
import { requireName } from "../validation.js";
import type { Stores } from "../../store/stores.js";

export interface CreateUserInput {
  name: string;
  email: string;
  role: string;
  /** Required for every role but platform_admin, which belongs to no organization. */
  orgId: string;
}

const EMAIL = /^[^\s@]{1,100}@[^\s@]{1,200}$/;

export function validateRole(role: string): Role {
  if (!isRole(role)) throw new AppError("invalid_request", "role must be platform_admin, org_admin, org_member or billing_viewer.", { details: { param: "role" } });
  return role;
}

function validateEmail(email: string): string {
  if (email !== "" && !EMAIL.test(email)) throw new AppError("invalid_request", "email is not a valid address.", { details: { param: "email" } });
  return email;
}

/** Inside a running transaction: also used by the first-run bootstrap. */
export async function insertUser(stores: Stores, deps: AuthKeyDeps, actor: Actor, input: CreateUserInput): Promise<User> {
  const now = deps.now();
  const user: User = { id: newId("usr"), name: requireName(input.name), email: validateEmail(input.email), role: validateRole(input.role), orgId: input.orgId, status: "active", createdAt: now, updatedAt: now };
  await stores.users.insert(user, actor.userId);
  await recordAudit(stores, deps, actor, { action: "user.create", resourceType: "user", resourceId: user.id, orgId: user.orgId, after: user });
  return user;
}

export async function createUser(deps: AuthKeyDeps, actor: Actor, input: CreateUserInput): Promise<User> {
  const role = validateRole(input.role);
  if (role === "platform_admin" && input.orgId !== "") throw new AppError("invalid_request", "A platform admin belongs to no organization.", { details: { param: "org_id" } });
  if (role !== "platform_admin" && input.orgId === "") throw new AppError("invalid_request", `A ${role} needs an org_id.`, { details: { param: "org_id" } });
  assertCan(actor, "user.create", role === "platform_admin" ? null : input.orgId);
  return deps.transact(async (stores) => {
    if (input.orgId) await findOrganization(stores, input.orgId);
    return insertUser(stores, deps, actor, input);
  });
}
