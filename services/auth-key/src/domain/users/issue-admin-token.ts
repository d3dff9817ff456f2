import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { AdminToken, User } from "../model.js";
import { recordAudit } from "../record-audit.js";
import { ADMIN_TOKEN_PREFIX, displayParts, generateSecret, hashSecret, newId } from "../secrets.js";
import { validateFutureTime } from "../validation.js";
import { assertCanActOnUser, findUser } from "./get-user.js";
import type { Stores } from "../../store/stores.js";

export interface IssuedAdminToken {
  token: AdminToken;
  /** Shown once: only its hash is kept. */
  secret: string;
}

/** Inside a running transaction: also used by the first-run bootstrap. */
export async function insertAdminToken(stores: Stores, deps: AuthKeyDeps, actor: Actor, user: User, input: { name: string; expiresAt: Date | null }): Promise<IssuedAdminToken> {
  const now = deps.now();
  const secret = generateSecret(ADMIN_TOKEN_PREFIX);
  const token: AdminToken = {
    id: newId("atk"),
    userId: user.id,
    name: input.name.trim().slice(0, 200),
    ...displayParts(ADMIN_TOKEN_PREFIX, secret),
    expiresAt: validateFutureTime(input.expiresAt, now, "expires_at"),
    revokedAt: null,
    createdAt: now,
  };
  await stores.adminTokens.insert(token, hashSecret(deps.pepper, secret));
  await recordAudit(stores, deps, actor, { action: "token.issue", resourceType: "admin_token", resourceId: token.id, orgId: user.orgId, after: token });
  return { token, secret };
}

/** Admins issue tokens to the users they manage; every user may issue their own. */
export async function issueAdminToken(deps: AuthKeyDeps, actor: Actor, input: { userId: string; name: string; expiresAt: Date | null }): Promise<IssuedAdminToken> {
  return deps.transact(async (stores) => {
    const user = await findUser(stores, input.userId);
    assertCanActOnUser(actor, "token.issue", user, { allowSelf: true });
    if (user.status !== "active") throw new AppError("conflict", `User ${user.id} is disabled.`);
    return insertAdminToken(stores, deps, actor, user, input);
  });
}
