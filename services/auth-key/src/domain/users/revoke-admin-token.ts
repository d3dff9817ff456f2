import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { AdminToken } from "../model.js";
import { recordAudit } from "../record-audit.js";
import { assertCanActOnUser, findUser } from "./get-user.js";

/** Takes effect on the next request: admin tokens are checked on every admin call. */
export async function revokeAdminToken(deps: AuthKeyDeps, actor: Actor, input: { userId: string; tokenId: string }): Promise<AdminToken> {
  return deps.transact(async (stores) => {
    const user = await findUser(stores, input.userId);
    assertCanActOnUser(actor, "token.revoke", user, { allowSelf: true });
    const before = await stores.adminTokens.find(input.tokenId);
    if (!before || before.userId !== user.id) throw new AppError("not_found", `No admin token ${input.tokenId} for user ${user.id}.`, { details: { param: "token_id" } });
    if (before.revokedAt) return before;
    const now = deps.now();
    await stores.adminTokens.revoke(before.id, now);
    const after: AdminToken = { ...before, revokedAt: now };
    await recordAudit(stores, deps, actor, { action: "token.revoke", resourceType: "admin_token", resourceId: before.id, orgId: user.orgId, before, after });
    return after;
  });
}
