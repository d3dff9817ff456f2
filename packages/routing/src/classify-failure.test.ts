import { describe, expect, it } from "vitest";
import { classifyFailure } from "./classify-failure.js";

describe("classifyFailure", () => {
  it("recognises context-window, content-policy, rate-limit and retryable failures", () => {
    expect(classifyFailure({ type: "invalid_request", vendorCode: "context_length_exceeded" })).toBe("context_window");
    expect(classifyFailure({ type: "invalid_request", message: "This model's maximum context length is 8192 tokens" })).toBe("context_window");
    expect(classifyFailure({ type: "content_filter" })).toBe("content_policy");
    expect(classifyFailure({ type: "invalid_request", vendorCode: "content_policy_violation" })).toBe("content_policy");
    expect(classifyFailure({ type: "rate_limit", retryable: true })).toBe("rate_limit");
    expect(classifyFailure({ type: "server", retryable: true })).toBe("unavailable");
    expect(classifyFailure({ type: "authentication", retryable: false })).toBe("other");
    expect(classifyFailure(undefined)).toBe("other");
  });
});
