import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import { keyUpdatedEvent } from "../key-events.js";
import type { Metadata, Project } from "../model.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import { requireName, validateMetadata, validateQuotaPolicyIds } from "../validation.js";
import { findProject } from "./get-project.js";

export interface UpdateProjectInput {
  id: string;
  name?: string;
  quotaPolicyIds?: string[];
  metadata?: Metadata;
}

/** A change of the project's quota policies reaches every key's principal: caches drop them. */
export async function updateProject(deps: AuthKeyDeps, actor: Actor, input: UpdateProjectInput): Promise<Project> {
  return deps.transact(async (stores) => {
    const before = await findProject(stores, input.id, { forUpdate: true });
    assertCan(actor, "project.update", before.orgId);
    const after: Project = {
      ...before,
      name: input.name === undefined ? before.name : requireName(input.name),
      quotaPolicyIds: input.quotaPolicyIds === undefined ? before.quotaPolicyIds : validateQuotaPolicyIds(input.quotaPolicyIds),
      metadata: input.metadata === undefined ? before.metadata : validateMetadata(input.metadata),
      updatedAt: deps.now(),
    };
    await stores.projects.update(after);
    await recordAudit(stores, deps, actor, { action: "project.update", resourceType: "project", resourceId: after.id, orgId: after.orgId, before, after });
    if (input.quotaPolicyIds !== undefined) {
      const keys = await stores.keys.listByProject(after.id);
      await stores.outbox.enqueue(keys.map((key) => keyUpdatedEvent(deps, actor, key, ["quota_policy_ids"])));
    }
    return after;
  });
}
