import { describe, expect, it } from "vitest";
import { createUsage, invalidUsageField } from "./usage.js";

describe("vendor usage validation", () => {
  it("accepts sound figures", () => {
    expect(invalidUsageField(createUsage({ promptTokens: 3, completionTokens: 4, audioSeconds: 1.5 }))).toBeUndefined();
  });

  it.each([
    ["a fraction", { promptTokens: 12.5 }, "promptTokens"],
    ["a negative count", { completionTokens: -1 }, "completionTokens"],
    ["NaN", { totalTokens: Number.NaN }, "totalTokens"],
    ["infinity", { reasoningTokens: Number.POSITIVE_INFINITY }, "reasoningTokens"],
    ["a string", { promptTokens: "80" as unknown as number }, "promptTokens"],
    ["negative audio", { audioSeconds: -2 }, "audioSeconds"],
  ])("refuses %s", (_name, partial, field) => {
    expect(invalidUsageField(createUsage(partial))).toBe(field);
  });

  it("treats a missing usage as invalid", () => {
    expect(invalidUsageField(undefined)).toBe("usage");
  });
});
