import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { ApiKey } from "../model.js";
import { assertCan } from "../permissions.js";
import { findProject } from "../projects/get-project.js";

export async function listKeys(deps: AuthKeyDeps, actor: Actor, input: { projectId: string }): Promise<ApiKey[]> {
  const project = await findProject(deps.stores, input.projectId);
  assertCan(actor, "key.read", project.orgId);
  return deps.stores.keys.listByProject(project.id);
}
