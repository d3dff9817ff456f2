import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import { keyRevokedEvent } from "../key-events.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import { findKey } from "./get-key.js";

/** Removes the key and its secrets; gateways drop it like a revoked key. The audit keeps its last state. */
export async function deleteKey(deps: AuthKeyDeps, actor: Actor, input: { id: string }): Promise<void> {
  await deps.transact(async (stores) => {
    const before = await findKey(stores, input.id, { forUpdate: true });
    assertCan(actor, "key.delete", before.orgId);
    await stores.keys.delete(before.id);
    await recordAudit(stores, deps, actor, { action: "key.delete", resourceType: "api_key", resourceId: before.id, orgId: before.orgId, before });
    await stores.outbox.enqueue([keyRevokedEvent(deps, actor, before, "deleted")]);
  });
}
