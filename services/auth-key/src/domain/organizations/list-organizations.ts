import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { Organization } from "../model.js";
import { assertCan } from "../permissions.js";

/** Platform admins see every organization; everyone else sees their own. */
export async function listOrganizations(deps: AuthKeyDeps, actor: Actor): Promise<Organization[]> {
  if (actor.role === "platform_admin") return deps.stores.organizations.list();
  assertCan(actor, "organization.read", actor.orgId);
  return deps.stores.organizations.list([actor.orgId]);
}
