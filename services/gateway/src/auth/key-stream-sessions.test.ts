import { describe, expect, it } from "vitest";
import type { Principal } from "../ports/authenticator.js";
import { KeyStreamSessions } from "./key-stream-sessions.js";

const principal = (keyId: string, expiresAtMs = 0): Principal => ({ keyId, projectId: "p", orgId: "o", allowedModels: [], allowedEndpoints: [], quotaPolicyIds: [], expiresAtMs });

describe("KeyStreamSessions", () => {
  it("caps the open streams per key, and frees a place when one closes", () => {
    const sessions = new KeyStreamSessions({ maxPerKey: () => 2 });
    const first = sessions.open(principal("a"));
    sessions.open(principal("a"));
    expect(() => sessions.open(principal("a"))).toThrow(expect.objectContaining({ code: "rate_limited" }));
    expect(() => sessions.open(principal("b"))).not.toThrow();
    first.close();
    expect(sessions.openCount("a")).toBe(1);
    expect(() => sessions.open(principal("a"))).not.toThrow();
  });

  it("ends every stream of a key that is revoked or changed, and only those", () => {
    const sessions = new KeyStreamSessions({ maxPerKey: () => 4 });
    const streams = [sessions.open(principal("a")), sessions.open(principal("a"))];
    const other = sessions.open(principal("b"));
    sessions.endKey("a");
    expect(streams.every((stream) => stream.signal.aborted)).toBe(true);
    expect(other.signal.aborted).toBe(false);
    expect(sessions.openCount("a")).toBe(0);
  });

  it("ends a stream when its key expires", async () => {
    const sessions = new KeyStreamSessions({ maxPerKey: () => 4 });
    const stream = sessions.open(principal("a", Date.now() + 50));
    await new Promise((resolve) => stream.signal.addEventListener("abort", resolve, { once: true }));
    expect(sessions.openCount("a")).toBe(0);
    expect(sessions.open(principal("a", Date.now() - 1)).signal.aborted).toBe(true);
    expect(sessions.openCount("a")).toBe(0);
  });
});
