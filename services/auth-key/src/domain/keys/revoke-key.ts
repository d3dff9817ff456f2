import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import { keyRevokedEvent } from "../key-events.js";
import type { ApiKey } from "../model.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import { findKey } from "./get-key.js";

/** Permanent: every gateway refuses the key within a second (key-revoked event). */
export async function revokeKey(deps: AuthKeyDeps, actor: Actor, input: { id: string; reason: string }): Promise<ApiKey> {
  if (input.reason.length > 500) throw new AppError("invalid_request", "reason must be at most 500 characters.", { details: { param: "reason" } });
  return deps.transact(async (stores) => {
    const before = await findKey(stores, input.id, { forUpdate: true });
    assertCan(actor, "key.revoke", before.orgId);
    if (before.status === "revoked") return before;
    const now = deps.now();
    const after: ApiKey = { ...before, status: "revoked", revokedAt: now, updatedAt: now };
    await stores.keys.update(after);
    await recordAudit(stores, deps, actor, { action: "key.revoke", resourceType: "api_key", resourceId: after.id, orgId: after.orgId, before, after });
    await stores.outbox.enqueue([keyRevokedEvent(deps, actor, after, input.reason)]);
    return after;
  });
}
