import { describe, expect, it } from "vitest";
import { createAdapter, isProviderType, PROVIDER_TYPES } from "./registry.js";

describe("createAdapter", () => {
  it("creates an adapter for every provider type in the table", () => {
    for (const type of PROVIDER_TYPES) expect(createAdapter(type).provider).toBe(type);
  });

  it("recognises provider types", () => {
    expect(isProviderType("openai")).toBe(true);
    expect(isProviderType("toString")).toBe(false);
    expect(() => createAdapter("nope" as never)).toThrow(/Unknown provider type/);
  });
});
