import { describe, expect, it } from "vitest";
import { createMemoryLogger } from "./memory-logger.js";
import { acceptRequestId, newRequestId } from "./logger.js";

describe("logger", () => {
  it("redacts credentials and message content", () => {
    const { logger, lines } = createMemoryLogger("unit", "debug");
    logger.info({ headers: { authorization: "Bearer sk-llms-secret" }, apiKey: "sk-abc", request: { messages: [{ content: "private" }] } }, "call");
    const text = JSON.stringify(lines);
    expect(text).not.toContain("sk-llms-secret");
    expect(text).not.toContain("sk-abc");
    expect(text).not.toContain("private");
    expect(lines[0]).toMatchObject({ service: "unit", version: "test", msg: "call" });
  });
});

describe("request ids", () => {
  it("keeps a well-formed caller id and replaces anything else", () => {
    expect(acceptRequestId("req_abc-123")).toBe("req_abc-123");
    expect(acceptRequestId("bad id with spaces")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(acceptRequestId(undefined)).toMatch(/^req_[0-9a-f]{32}$/);
    expect(newRequestId()).not.toBe(newRequestId());
  });
});
