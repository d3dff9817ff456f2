import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { Metadata, Organization } from "../model.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import { requireName, validateMetadata } from "../validation.js";
import { findOrganization } from "./get-organization.js";

export interface UpdateOrganizationInput {
  id: string;
  name?: string;
  metadata?: Metadata;
}

export async function updateOrganization(deps: AuthKeyDeps, actor: Actor, input: UpdateOrganizationInput): Promise<Organization> {
  assertCan(actor, "organization.update", input.id);
  return deps.transact(async (stores) => {
    const before = await findOrganization(stores, input.id, { forUpdate: true });
    const after: Organization = {
      ...before,
      name: input.name === undefined ? before.name : requireName(input.name),
      metadata: input.metadata === undefined ? before.metadata : validateMetadata(input.metadata),
      updatedAt: deps.now(),
    };
    await stores.organizations.update(after);
    await recordAudit(stores, deps, actor, { action: "organization.update", resourceType: "organization", resourceId: after.id, orgId: after.id, before, after });
    return after;
  });
}
