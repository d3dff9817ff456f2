import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { AdminToken } from "../model.js";
import { assertCanActOnUser, findUser } from "./get-user.js";

export async function listAdminTokens(deps: AuthKeyDeps, actor: Actor, input: { userId: string }): Promise<AdminToken[]> {
  const user = await findUser(deps.stores, input.userId);
  assertCanActOnUser(actor, "token.read", user, { allowSelf: true });
  return deps.stores.adminTokens.listByUser(user.id);
}
