import { describe, expect, it } from "vitest";
import { API_KEY_PREFIX, ADMIN_TOKEN_PREFIX, deriveSigningSecret, displayParts, generateSecret, hashSecret, isWellFormed, newId, sameHash } from "./secrets.js";

describe("secrets", () => {
  it("generates keys of 256 random bits that never repeat", () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateSecret(API_KEY_PREFIX)));
    expect(keys.size).toBe(1000);
    for (const key of [...keys].slice(0, 10)) {
      expect(key).toMatch(/^sk-llms-[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.slice(API_KEY_PREFIX.length), "base64url")).toHaveLength(32);
    }
  });

  it("hashes with the pepper: same key and pepper, same hash; another pepper, another hash", () => {
    const key = generateSecret(API_KEY_PREFIX);
    expect(sameHash(hashSecret("pepper-one", key), hashSecret("pepper-one", key))).toBe(true);
    expect(sameHash(hashSecret("pepper-one", key), hashSecret("pepper-two", key))).toBe(false);
    expect(sameHash(hashSecret("pepper-one", key), Buffer.alloc(3))).toBe(false);
  });

  it("shows only a prefix and the last four characters", () => {
    const key = "sk-llms-ABCDefghijklmnopqrstuvwxyz0123456789-_WXYZ";
    expect(displayParts(API_KEY_PREFIX, key)).toEqual({ displayPrefix: "sk-llms-ABCD", lastFour: "WXYZ" });
  });

  it("recognises well-formed secrets of each kind only", () => {
    expect(isWellFormed(API_KEY_PREFIX, generateSecret(API_KEY_PREFIX))).toBe(true);
    expect(isWellFormed(API_KEY_PREFIX, generateSecret(ADMIN_TOKEN_PREFIX))).toBe(false);
    expect(isWellFormed(ADMIN_TOKEN_PREFIX, generateSecret(ADMIN_TOKEN_PREFIX))).toBe(true);
    expect(isWellFormed(API_KEY_PREFIX, "sk-llms-short")).toBe(false);
    expect(isWellFormed(API_KEY_PREFIX, `sk-llms-${"a".repeat(40)}!`)).toBe(false);
  });

  it("derives a stable signing secret per key secret, unrelated across secrets and peppers", () => {
    expect(deriveSigningSecret("p", "ksec_1")).toBe(deriveSigningSecret("p", "ksec_1"));
    expect(deriveSigningSecret("p", "ksec_1")).not.toBe(deriveSigningSecret("p", "ksec_2"));
    expect(deriveSigningSecret("p", "ksec_1")).not.toBe(deriveSigningSecret("q", "ksec_1"));
    expect(deriveSigningSecret("p", "ksec_1")).toMatch(/^llms-sig-[A-Za-z0-9_-]{43}$/);
  });

  it("makes prefixed ids", () => {
    expect(newId("key")).toMatch(/^key_[0-9a-f]{24}$/);
  });
});
