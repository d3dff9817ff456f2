import { AppError } from "@llm-serve/common";
import { hashKey } from "./key-hash.js";
import type { Principal } from "./principal.js";
import type { ApiKeyStore } from "../store/api-key-store.js";

/**
 * Resolves a presented key to its principal. The key is only ever hashed; the lookup compares
 * hashes, so no comparison runs over the secret itself. Every failure reads the same.
 */
export async function verifyKey(deps: { keys: ApiKeyStore; pepper: string; now: () => Date }, input: { key: string }): Promise<Principal> {
  const refused = new AppError("unauthenticated", "invalid API key");
  if (!input.key.startsWith("sk-llms-")) throw refused;
  const row = await deps.keys.findByHash(hashKey(deps.pepper, input.key));
  if (!row || row.status !== "active") throw refused;
  if (row.expires_at && row.expires_at.getTime() <= deps.now().getTime()) throw refused;
  return {
    keyId: row.id,
    projectId: row.project_id,
    orgId: row.org_id,
    allowedModels: row.allowed_models,
    allowedEndpoints: row.allowed_endpoints,
    quotaPolicyIds: [],
  };
}
