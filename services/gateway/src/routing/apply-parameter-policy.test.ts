import { describe, expect, it } from "vitest";
import { applyParameterPolicy, type ParameterPolicy } from "./apply-parameter-policy.js";

const policy: ParameterPolicy = {
  defaults: { temperature: 0.2, top_p: 0.9 },
  overrides: { user: "platform" },
  bounds: { temperature: { min: 0, max: 1 }, topP: { min: 0, max: 1 }, maxTokens: 512 },
};

describe("applyParameterPolicy", () => {
  it("fills defaults, applies overrides and clamps into the bounds", () => {
    expect(applyParameterPolicy({ model: "m", temperature: 1.8, max_tokens: 4096, user: "caller" }, policy)).toEqual({
      model: "m",
      temperature: 1,
      top_p: 0.9,
      max_tokens: 512,
      user: "platform",
    });
    expect(applyParameterPolicy({ model: "m" }, policy)).toEqual({ model: "m", temperature: 0.2, top_p: 0.9, user: "platform" });
  });

  it("leaves a body alone without a policy", () => {
    const body = { model: "m", temperature: 5 };
    expect(applyParameterPolicy(body, undefined)).toBe(body);
  });
});
