import { describe, expect, it } from "vitest";
import { validateCidrs, validateEndpoints, validateFutureTime, validateMetadata, validateModelPatterns } from "./validation.js";

describe("validation", () => {
  it("normalises CIDR blocks and bare addresses", () => {
    expect(validateCidrs(["10.0.0.0/8", "192.0.2.7", "2001:DB8::/32", "::1", "10.0.0.0/8"])).toEqual(["10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32", "::1/128"]);
  });

  it.each(["10.0.0.0/33", "10.0.0/8", "not-an-ip", "10.0.0.0/", "10.0.0.0/8/1", "::1/129"])("refuses %s", (value) => {
    expect(() => validateCidrs([value])).toThrow(/not a valid IP address or CIDR block/);
  });

  it("accepts model patterns and endpoint names, refuses odd characters", () => {
    expect(validateModelPatterns(["gpt-4o*", "claude-3.5-sonnet", "org/model:v1"])).toHaveLength(3);
    expect(() => validateModelPatterns(["gpt 4"])).toThrow();
    expect(validateEndpoints(["chat.completions", "audio.*"])).toHaveLength(2);
    expect(() => validateEndpoints(["Chat/Completions"])).toThrow();
  });

  it("keeps metadata to a small JSON object", () => {
    expect(validateMetadata({ team: "search" })).toEqual({ team: "search" });
    expect(() => validateMetadata([] as unknown as Record<string, unknown>)).toThrow();
    expect(() => validateMetadata({ blob: "x".repeat(9_000) })).toThrow(/at most/);
  });

  it("wants expiries in the future", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(validateFutureTime(null, now, "expires_at")).toBeNull();
    expect(() => validateFutureTime(new Date("2025-12-31T23:59:59Z"), now, "expires_at")).toThrow(/in the future/);
  });
});
