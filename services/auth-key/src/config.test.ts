import { loadConfig } from "@llm-serve/common";
import { describe, expect, it } from "vitest";
import { configSchema } from "./config.js";

const base = { DATABASE_URL: "postgres://u:p@127.0.0.1:5432/d" };
// docker-compose.yml's former fallback: published, so refused outside dev mode.
const PUBLISHED_PEPPER = "llm-serve-dev-only-pepper-change-me-0123456789";

describe("auth-key config", () => {
  it("refuses a published KEY_PEPPER outside dev mode, naming the setting", () => {
    expect(() => loadConfig(configSchema, { ...base, KEY_PEPPER: PUBLISHED_PEPPER })).toThrow(/KEY_PEPPER: is a published example value/);
    expect(() => loadConfig(configSchema, { ...base, KEY_PEPPER: PUBLISHED_PEPPER, LLMSERVE_DEV_MODE: "0" })).toThrow(/KEY_PEPPER/);
  });

  it("accepts it with LLMSERVE_DEV_MODE=1, and any other pepper always", () => {
    expect(loadConfig(configSchema, { ...base, KEY_PEPPER: PUBLISHED_PEPPER, LLMSERVE_DEV_MODE: "1" }).KEY_PEPPER).toBe(PUBLISHED_PEPPER);
    expect(loadConfig(configSchema, { ...base, KEY_PEPPER: "a-freshly-generated-pepper-0123456789abcdef" }).LLMSERVE_DEV_MODE).toBe(false);
  });
});
