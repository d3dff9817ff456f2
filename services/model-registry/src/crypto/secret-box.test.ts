import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox } from "./secret-box.js";

const key = randomBytes(32).toString("base64");
const box = new SecretBox(key);

/** A value in the first format (`v1.iv.tag.ciphertext`, context joined by `/`), as stored before. */
function legacySeal(keyBase64: string, plaintext: string, associatedData: string, tagBytes = 16): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(keyBase64, "base64"), iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

describe("SecretBox", () => {
  it("round-trips, never shows the plaintext and uses a fresh IV each time", () => {
    const first = box.seal("sk-secret-value", ["m", "d"]);
    const second = box.seal("sk-secret-value", ["m", "d"]);
    expect(first).not.toContain("sk-secret");
    expect(first).not.toBe(second);
    expect(first.startsWith("v2.")).toBe(true);
    expect(box.open(first, ["m", "d"])).toBe("sk-secret-value");
  });

  it("refuses a value sealed for another row, a tampered value and another key", () => {
    const sealed = box.seal("secret", ["model-a", "one"]);
    expect(() => box.open(sealed, ["model-b", "one"])).toThrow();
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => box.open(parts.join("."), ["model-a", "one"])).toThrow();
    expect(() => new SecretBox(randomBytes(32).toString("base64")).open(sealed, ["model-a", "one"])).toThrow(/unknown key/);
  });

  it("binds the row unambiguously when ids contain '/'", () => {
    const sealed = box.seal("secret", ["a/b", "c"]);
    expect(() => box.open(sealed, ["a", "b/c"])).toThrow();
    expect(box.open(sealed, ["a/b", "c"])).toBe("secret");
  });

  it("refuses a truncated tag (4 bytes), in either format", () => {
    const sealed = box.seal("secret", ["m", "d"]).split(".");
    sealed[3] = Buffer.from(sealed[3]!, "base64url").subarray(0, 4).toString("base64url");
    expect(() => box.open(sealed.join("."), ["m", "d"])).toThrow(/tag/);
    // A first-format value with a genuine 4-byte tag (what the old code accepted).
    expect(() => box.open(legacySeal(key, "secret", "m/d", 4), ["m", "d"])).toThrow(/tag/);
  });

  it("still opens first-format values, and calls them stale", () => {
    const legacy = legacySeal(key, "old-secret", "m/d");
    expect(box.open(legacy, ["m", "d"])).toBe("old-secret");
    expect(box.isStale(legacy)).toBe(true);
    expect(box.isStale(box.seal("x", ["m", "d"]))).toBe(false);
  });

  it("opens values of a previous key after rotation, and seals under the new one", () => {
    const next = randomBytes(32).toString("base64");
    const sealedBefore = box.seal("rotated", ["m", "d"]);
    const rotated = new SecretBox(next, [key]);
    expect(rotated.open(sealedBefore, ["m", "d"])).toBe("rotated");
    expect(rotated.isStale(sealedBefore)).toBe(true);
    const resealed = rotated.seal("rotated", ["m", "d"]);
    expect(rotated.isStale(resealed)).toBe(false);
    expect(() => box.open(resealed, ["m", "d"])).toThrow(/unknown key/);
    expect(rotated.open(legacySeal(key, "legacy-under-old-key", "m/d"), ["m", "d"])).toBe("legacy-under-old-key");
  });

  it("insists on 32-byte keys", () => {
    expect(() => new SecretBox(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => new SecretBox(key, [randomBytes(8).toString("base64")])).toThrow(/SECRETS_KEY_PREVIOUS/);
  });
});
