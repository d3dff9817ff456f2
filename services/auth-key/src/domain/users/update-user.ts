import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { User, UserStatus } from "../model.js";
import { recordAudit } from "../record-audit.js";
import { requireName } from "../validation.js";
import { validateRole } from "./create-user.js";
import { assertCanActOnUser, findUser } from "./get-user.js";

export interface UpdateUserInput {
  id: string;
  name?: string;
  role?: string;
  status?: string;
}

function validateStatus(status: string): UserStatus {
  if (status !== "active" && status !== "disabled") throw new AppError("invalid_request", "status must be active or disabled.", { details: { param: "status" } });
  return status;
}

function nextRole(actor: Actor, before: User, requested: string | undefined): User["role"] {
  if (requested === undefined) return before.role;
  const role = validateRole(requested);
  if (role === before.role) return role;
  if (actor.userId === before.id) throw new AppError("conflict", "You cannot change your own role.");
  if (role === "platform_admin" || before.role === "platform_admin") {
    throw new AppError("invalid_request", "Platform admins belong to no organization: create a new user instead of changing this role.", { details: { param: "role" } });
  }
  return role;
}

/** Disabling a user ends their admin tokens' use at once (they are checked on every request). */
export async function updateUser(deps: AuthKeyDeps, actor: Actor, input: UpdateUserInput): Promise<User> {
  return deps.transact(async (stores) => {
    const before = await findUser(stores, input.id, { forUpdate: true });
    assertCanActOnUser(actor, "user.update", before, { allowSelf: false });
    const status = input.status === undefined ? before.status : validateStatus(input.status);
    if (actor.userId === before.id && status !== before.status) throw new AppError("conflict", "You cannot disable yourself.");
    const after: User = { ...before, name: input.name === undefined ? before.name : requireName(input.name), role: nextRole(actor, before, input.role), status, updatedAt: deps.now() };
    await stores.users.update(after);
    await recordAudit(stores, deps, actor, { action: "user.update", resourceType: "user", resourceId: after.id, orgId: after.orgId, before, after });
    return after;
  });
}
