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
  // The record names who acted (the actor) and on whose behalf the token works, when they differ.
  const after = actor.userId === user.id ? token : { ...token, onBehalfOf: user.id };
  await recordAudit(stores, deps, actor, { action: "token.issue", resourceType: "admin_token", resourceId: token.id, orgId: user.orgId, after });
  return { token, secret };
}

/**
 * A token lets its holder act under its user's name in the audit trail, so minting one for another
 * admin of the same rank is impersonation: an org admin may mint tokens for themself and for the
 * members and billing viewers of their organization (powers they hold already), never for another
 * org admin; only a platform admin mints for anyone.
 */
function assertMayMintFor(actor: Actor, user: User): void {
  if (actor.userId === user.id || actor.role === "platform_admin") return;
  if (user.role === "org_admin" || user.role === "platform_admin") {
    throw new AppError("permission_denied", `Only ${user.id} themself or a platform admin may issue admin tokens for an ${user.role.replace("_", " ")}.`);
  }
}

/** Admins issue tokens to the users they manage; every user may issue their own. */
export async function issueAdminToken(deps: AuthKeyDeps, actor: Actor, input: { userId: string; name: string; expiresAt: Date | null }): Promise<IssuedAdminToken> {
  return deps.transact(async (stores) => {
    const user = await findUser(stores, input.userId);
    assertCanActOnUser(actor, "token.issue", user, { allowSelf: true });
    assertMayMintFor(actor, user);
    if (user.status !== "active") throw new AppError("conflict", `User ${user.id} is disabled.`);
    return insertAdminToken(stores, deps, actor, user, input);
  });
}
