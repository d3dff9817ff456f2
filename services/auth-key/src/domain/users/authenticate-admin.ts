import { AppError } from "@llm-serve/common";
import type { AuthKeyDeps } from "../deps.js";
import type { AdminIdentity } from "../principal.js";
import { ADMIN_TOKEN_PREFIX, hashSecret, isWellFormed, sameHash } from "../secrets.js";

/** Resolves an admin token to its user. Revoked, expired and disabled all read the same. */
export async function authenticateAdmin(deps: Pick<AuthKeyDeps, "stores" | "pepper" | "now">, input: { token: string }): Promise<AdminIdentity> {
  const refused = new AppError("unauthenticated", "Invalid admin token.", { details: { openaiCode: "invalid_admin_token" } });
  if (!isWellFormed(ADMIN_TOKEN_PREFIX, input.token)) throw refused;
  const hash = hashSecret(deps.pepper, input.token);
  const holder = await deps.stores.adminTokens.findByHash(hash);
  if (!holder || !sameHash(holder.tokenHash, hash)) throw refused;
  const { token } = holder;
  if (token.revokedAt || holder.userStatus !== "active") throw refused;
  if (token.expiresAt && token.expiresAt.getTime() <= deps.now().getTime()) throw refused;
  return { userId: token.userId, role: holder.role, orgId: holder.orgId, tokenId: token.id };
}
