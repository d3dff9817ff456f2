import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { User } from "../model.js";
import { assertCan, type Action } from "../permissions.js";
import type { Stores } from "../../store/stores.js";

export async function findUser(stores: Stores, id: string, options: { forUpdate?: boolean } = {}): Promise<User> {
  const user = await stores.users.find(id, options);
  if (!user) throw new AppError("not_found", `No user ${id}.`, { details: { param: "user_id" } });
  return user;
}

/** A user may always act on themselves for `action`; otherwise the permission table decides. */
export function assertCanActOnUser(actor: Actor, action: Action, user: User, options: { allowSelf: boolean }): void {
  if (options.allowSelf && actor.userId === user.id) return;
  assertCan(actor, action, user.orgId === "" ? null : user.orgId);
}

export async function getUser(deps: AuthKeyDeps, actor: Actor, input: { id: string }): Promise<User> {
  const user = await findUser(deps.stores, input.id);
  assertCanActOnUser(actor, "user.read", user, { allowSelf: true });
  return user;
}
