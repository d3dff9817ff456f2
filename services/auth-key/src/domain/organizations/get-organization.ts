import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { Organization } from "../model.js";
import { assertCan } from "../permissions.js";
import type { Stores } from "../../store/stores.js";

export async function findOrganization(stores: Stores, id: string, options: { forUpdate?: boolean } = {}): Promise<Organization> {
  const organization = await stores.organizations.find(id, options);
  if (!organization) throw new AppError("not_found", `No organization ${id}.`, { details: { param: "organization_id" } });
  return organization;
}

export async function getOrganization(deps: AuthKeyDeps, actor: Actor, input: { id: string }): Promise<Organization> {
  assertCan(actor, "organization.read", input.id);
  return findOrganization(deps.stores, input.id);
}
