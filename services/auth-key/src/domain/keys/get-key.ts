import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { ApiKey } from "../model.js";
import { assertCan } from "../permissions.js";
import type { Stores } from "../../store/stores.js";

export async function findKey(stores: Stores, id: string, options: { forUpdate?: boolean } = {}): Promise<ApiKey> {
  const key = await stores.keys.find(id, options);
  if (!key) throw new AppError("not_found", `No API key ${id}.`, { details: { param: "key_id" } });
  return key;
}

export async function getKey(deps: AuthKeyDeps, actor: Actor, input: { id: string }): Promise<ApiKey> {
  const key = await findKey(deps.stores, input.id);
  assertCan(actor, "key.read", key.orgId);
  return key;
}
