import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { Project } from "../model.js";
import { findOrganization } from "../organizations/get-organization.js";
import { assertCan } from "../permissions.js";

export async function listProjects(deps: AuthKeyDeps, actor: Actor, input: { orgId: string }): Promise<Project[]> {
  assertCan(actor, "project.read", input.orgId);
  await findOrganization(deps.stores, input.orgId);
  return deps.stores.projects.listByOrganization(input.orgId);
}
