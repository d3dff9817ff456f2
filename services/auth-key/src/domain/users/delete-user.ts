import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import { recordAudit } from "../record-audit.js";
import { assertCanActOnUser, findUser } from "./get-user.js";

/** Deletes the user and their admin tokens. Nobody deletes themselves (no lock-out by accident). */
export async function deleteUser(deps: AuthKeyDeps, actor: Actor, input: { id: string }): Promise<void> {
  if (actor.userId === input.id) throw new AppError("conflict", "You cannot delete yourself.");
  await deps.transact(async (stores) => {
    const before = await findUser(stores, input.id, { forUpdate: true });
    assertCanActOnUser(actor, "user.delete", before, { allowSelf: false });
    await stores.users.delete(before.id);
    await recordAudit(stores, deps, actor, { action: "user.delete", resourceType: "user", resourceId: before.id, orgId: before.orgId, before });
  });
}
