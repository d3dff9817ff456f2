import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import { keyRevokedEvent } from "../key-events.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import { findProject } from "./get-project.js";

/** Deletes the project with its keys; every gateway is told to refuse those keys. */
export async function deleteProject(deps: AuthKeyDeps, actor: Actor, input: { id: string }): Promise<void> {
  await deps.transact(async (stores) => {
    const before = await findProject(stores, input.id, { forUpdate: true });
    assertCan(actor, "project.delete", before.orgId);
    const keys = await stores.keys.listByProject(before.id);
    for (const key of keys) {
      await stores.keys.delete(key.id);
      await recordAudit(stores, deps, actor, { action: "key.delete", resourceType: "api_key", resourceId: key.id, orgId: key.orgId, before: key });
    }
    await stores.outbox.enqueue(keys.map((key) => keyRevokedEvent(deps, actor, key, "project deleted")));
    await stores.projects.delete(before.id);
    await recordAudit(stores, deps, actor, { action: "project.delete", resourceType: "project", resourceId: before.id, orgId: before.orgId, before });
  });
}
