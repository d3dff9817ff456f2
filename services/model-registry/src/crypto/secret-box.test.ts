import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox } from "./secret-box.js";

const box = new SecretBox(randomBytes(32).toString("base64"));

describe("SecretBox", () => {
  it("round-trips, never shows the plaintext and uses a fresh IV each time", () => {
    const first = box.seal("sk-secret-value", "m/d");
    const second = box.seal("sk-secret-value", "m/d");
    expect(first).not.toContain("sk-secret");
    expect(first).not.toBe(second);
    expect(box.open(first, "m/d")).toBe("sk-secret-value");
  });

  it("refuses a value sealed for another row, a tampered value and another key", () => {
    const sealed = box.seal("secret", "model-a/one");
    expect(() => box.open(sealed, "model-b/one")).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => box.open(parts.join("."), "model-a/one")).toThrow();
    expect(() => new SecretBox(randomBytes(32).toString("base64")).open(sealed, "model-a/one")).toThrow();
  });

  it("insists on a 32-byte key", () => {
    expect(() => new SecretBox(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
