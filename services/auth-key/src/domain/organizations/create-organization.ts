import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { Metadata, Organization } from "../model.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import { newId } from "../secrets.js";
import { requireName, validateMetadata } from "../validation.js";
import type { Stores } from "../../store/stores.js";

export interface CreateOrganizationInput {
  name: string;
  metadata: Metadata;
}

/** Inside a running transaction: also used by the quickstart. */
export async function insertOrganization(stores: Stores, deps: AuthKeyDeps, actor: Actor, input: CreateOrganizationInput): Promise<Organization> {
  const now = deps.now();
  const organization: Organization = { id: newId("org"), name: requireName(input.name), metadata: validateMetadata(input.metadata), createdAt: now, updatedAt: now };
  await stores.organizations.insert(organization);
  await recordAudit(stores, deps, actor, { action: "organization.create", resourceType: "organization", resourceId: organization.id, orgId: organization.id, after: organization });
  return organization;
}

export async function createOrganization(deps: AuthKeyDeps, actor: Actor, input: CreateOrganizationInput): Promise<Organization> {
  assertCan(actor, "organization.create", null);
  return deps.transact((stores) => insertOrganization(stores, deps, actor, input));
}
