import { AppError } from "@llm-serve/common";
import type { AuthKeyDeps } from "../deps.js";
import type { VerifiedKey } from "../principal.js";
import { API_KEY_PREFIX, deriveSigningSecret, hashSecret, isWellFormed, sameHash } from "../secrets.js";

function earliest(first: Date | null, second: Date | null): Date | null {
  if (!first) return second;
  if (!second) return first;
  return first.getTime() <= second.getTime() ? first : second;
}

/**
 * Resolves a presented key to its principal and the policy the gateway enforces. The key is only
 * ever hashed; the lookup is by hash and the hashes are compared in constant time. Every failure
 * reads the same, so a caller learns nothing about why.
 */
export async function verifyKey(deps: Pick<AuthKeyDeps, "stores" | "pepper" | "now">, input: { key: string }): Promise<VerifiedKey> {
  const refused = new AppError("unauthenticated", "Incorrect API key provided.", { details: { openaiCode: "invalid_api_key" } });
  if (!isWellFormed(API_KEY_PREFIX, input.key)) throw refused;
  const hash = hashSecret(deps.pepper, input.key);
  const match = await deps.stores.keys.findByHash(hash);
  if (!match || !sameHash(match.secretHash, hash) || match.key.status !== "active") throw refused;
  const expiresAt = earliest(match.key.expiresAt, match.secretExpiresAt);
  if (expiresAt && expiresAt.getTime() <= deps.now().getTime()) throw refused;
  const { key } = match;
  return {
    principal: {
      keyId: key.id,
      projectId: key.projectId,
      orgId: key.orgId,
      allowedModels: key.allowedModels,
      allowedEndpoints: key.allowedEndpoints,
      quotaPolicyIds: [...new Set([...match.projectQuotaPolicyIds, ...key.quotaPolicyIds])],
    },
    policy: {
      requireSignature: key.requireSignature,
      signingSecret: deriveSigningSecret(deps.pepper, match.secretId),
      ipAllowList: key.ipAllowList,
      expiresAt,
    },
  };
}
