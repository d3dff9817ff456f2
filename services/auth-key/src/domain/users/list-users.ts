import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { User } from "../model.js";
import { assertCan } from "../permissions.js";

/** Users of one organization; with no organization named, platform admins see everyone. */
export async function listUsers(deps: AuthKeyDeps, actor: Actor, input: { orgId: string }): Promise<User[]> {
  if (input.orgId === "" && actor.role === "platform_admin") return deps.stores.users.list(null);
  const orgId = input.orgId || actor.orgId;
  assertCan(actor, "user.read", orgId);
  return deps.stores.users.list(orgId);
}
