import { describe, expect, it } from "vitest";
import { PrincipalCache } from "./principal-cache.js";
import type { VerifiedKey } from "./verified-key.js";

function verified(keyId: string): VerifiedKey {
  return {
    principal: { keyId, projectId: "p", orgId: "o", allowedModels: [], allowedEndpoints: [], quotaPolicyIds: [] },
    requireSignature: false,
    signingSecret: "s",
    allowList: undefined,
    expiresAtMs: 0,
  };
}

describe("the principal cache", () => {
  let now = 0;
  const cache = () => new PrincipalCache({ ttlMs: () => 60_000, negativeTtlMs: () => 5_000, maxEntries: 3, now: () => now });

  it("never keeps the secret itself: entries are keyed by a per-process HMAC", () => {
    const first = cache();
    const digest = first.digest("sk-llms-secret");
    expect(digest).not.toContain("secret");
    expect(first.digest("sk-llms-secret")).toBe(digest);
    expect(cache().digest("sk-llms-secret")).not.toBe(digest);
  });

  it("answers until the TTL, then forgets", () => {
    now = 0;
    const subject = cache();
    subject.remember("d1", verified("key_1"), subject.sequence());
    now = 59_999;
    expect(subject.get("d1")?.principal.keyId).toBe("key_1");
    now = 60_000;
    expect(subject.get("d1")).toBeUndefined();
  });

  it("drops every secret of a key on invalidation, and refuses an answer that was in flight", () => {
    now = 0;
    const subject = cache();
    subject.remember("old", verified("key_1"), subject.sequence());
    subject.remember("new", verified("key_1"), subject.sequence());
    const inFlight = subject.sequence();
    subject.invalidate("key_1");
    expect(subject.get("old")).toBeUndefined();
    expect(subject.get("new")).toBeUndefined();
    subject.remember("new", verified("key_1"), inFlight);
    expect(subject.get("new")).toBeUndefined();
    subject.remember("new", verified("key_1"), subject.sequence());
    expect(subject.get("new")).toBeDefined();
  });

  it("remembers bad secrets briefly", () => {
    now = 0;
    const subject = cache();
    subject.rememberBad("bad");
    expect(subject.isKnownBad("bad")).toBe(true);
    now = 5_000;
    expect(subject.isKnownBad("bad")).toBe(false);
  });

  it("stays within its size, evicting the oldest", () => {
    now = 0;
    const subject = cache();
    for (const name of ["a", "b", "c", "d"]) subject.remember(name, verified(`key_${name}`), subject.sequence());
    expect(subject.size).toBe(3);
    expect(subject.get("a")).toBeUndefined();
    expect(subject.get("d")).toBeDefined();
  });
});
