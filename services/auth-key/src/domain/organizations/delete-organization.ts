import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import { findOrganization } from "./get-organization.js";

/** Only an empty organization goes: its projects and users must be deleted first. */
export async function deleteOrganization(deps: AuthKeyDeps, actor: Actor, input: { id: string }): Promise<void> {
  assertCan(actor, "organization.delete", null);
  await deps.transact(async (stores) => {
    const before = await findOrganization(stores, input.id, { forUpdate: true });
    const children = await stores.organizations.countChildren(input.id);
    if (children.projects > 0 || children.users > 0) {
      throw new AppError("conflict", `Organization ${input.id} still has ${children.projects} project(s) and ${children.users} user(s); delete them first.`);
    }
    await stores.organizations.delete(input.id);
    await recordAudit(stores, deps, actor, { action: "organization.delete", resourceType: "organization", resourceId: input.id, orgId: input.id, before });
  });
}
