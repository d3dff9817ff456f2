import type { AuthKeyDeps } from "../deps.js";
import type { IssuedKeySecret } from "../model.js";
import { API_KEY_PREFIX, deriveSigningSecret, displayParts, generateSecret, hashSecret, newId } from "../secrets.js";
import type { KeySecretRecord } from "../../store/api-key-store.js";

/** A new secret for a key: what is stored (its hash) and what is shown once (the key itself). */
export function issueKeySecret(deps: Pick<AuthKeyDeps, "pepper" | "now">, keyId: string): { record: KeySecretRecord; issued: IssuedKeySecret } {
  const key = generateSecret(API_KEY_PREFIX);
  const id = newId("ksec");
  const record: KeySecretRecord = { id, keyId, hash: hashSecret(deps.pepper, key), ...displayParts(API_KEY_PREFIX, key), createdAt: deps.now() };
  return { record, issued: { key, signingSecret: deriveSigningSecret(deps.pepper, id) } };
}
