import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const API_KEY_PREFIX = "sk-llms-";
export const ADMIN_TOKEN_PREFIX = "llms-admin-";
export const SIGNING_SECRET_PREFIX = "llms-sig-";

/** 32 random bytes: 256 bits of entropy, 43 base64url characters after the prefix. */
const SECRET_BYTES = 32;
const WELL_FORMED = /^[A-Za-z0-9_-]{32,128}$/;

export function generateSecret(prefix: string): string {
  return prefix + randomBytes(SECRET_BYTES).toString("base64url");
}

/** Cheap shape check before any hashing or lookup: garbage never reaches the database. */
export function isWellFormed(prefix: string, candidate: string): boolean {
  return candidate.startsWith(prefix) && WELL_FORMED.test(candidate.slice(prefix.length));
}

/** The keyed hash under which a key or admin token is stored and looked up. */
export function hashSecret(pepper: string, secret: string): Buffer {
  return createHmac("sha256", pepper).update(secret, "utf8").digest();
}

/** Constant-time comparison of two hashes. */
export function sameHash(expected: Buffer, actual: Buffer): boolean {
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** What may be shown of a secret: its prefix plus four characters, and its last four. */
export function displayParts(prefix: string, secret: string): { displayPrefix: string; lastFour: string } {
  return { displayPrefix: secret.slice(0, prefix.length + 4), lastFour: secret.slice(-4) };
}

/**
 * The signing secret that goes with one key secret. Derived from the pepper and the secret's id
 * instead of stored, so the database never holds it; domain-separated from the key hashes.
 */
export function deriveSigningSecret(pepper: string, keySecretId: string): string {
  const derivationKey = createHmac("sha256", pepper).update("llm-serve request signing secret v1").digest();
  return SIGNING_SECRET_PREFIX + createHmac("sha256", derivationKey).update(keySecretId, "utf8").digest("base64url");
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}
