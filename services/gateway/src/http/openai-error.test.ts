import { AppError, ERROR_CODES } from "@llm-serve/common";
import { describe, expect, it } from "vitest";
import { HTTP_ERRORS } from "./error-table.js";
import { toOpenAIError } from "./openai-error.js";

describe("OpenAI error mapping", () => {
  it.each(ERROR_CODES)("gives %s its status and the four OpenAI keys", (code) => {
    const { status, body } = toOpenAIError(new AppError(code, "something happened"), "req_1");
    expect(status).toBe(HTTP_ERRORS[code].status);
    expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
    expect(body.error.type).toBe(HTTP_ERRORS[code].type);
  });

  it("uses OpenAI's statuses for the common cases", () => {
    const status = (error: AppError) => toOpenAIError(error, "r").status;
    expect(status(new AppError("invalid_request", "x"))).toBe(400);
    expect(status(new AppError("invalid_request", "x", { details: { reason: "payload_too_large" } }))).toBe(413);
    expect(status(new AppError("invalid_request", "x", { details: { reason: "unsupported_media_type" } }))).toBe(415);
    expect(status(new AppError("unauthenticated", "x"))).toBe(401);
    expect(status(new AppError("rate_limited", "x"))).toBe(429);
    expect(status(new AppError("quota_exceeded", "x"))).toBe(429);
    expect(status(new AppError("upstream_error", "x"))).toBe(502);
    expect(status(new AppError("unavailable", "x"))).toBe(503);
    expect(status(new AppError("upstream_timeout", "x"))).toBe(504);
  });

  it("names the parameter and a specific code when the error carries them", () => {
    const { body } = toOpenAIError(new AppError("not_found", "no such model", { details: { param: "model", openaiCode: "model_not_found" } }), "r");
    expect(body.error).toEqual({ message: "no such model", type: "invalid_request_error", param: "model", code: "model_not_found" });
  });

  it("keeps internal errors opaque, with only the request id", () => {
    const { status, body } = toOpenAIError(new AppError("internal", "db password=secret at line 3"), "req_42");
    expect(status).toBe(500);
    expect(body.error.message).not.toContain("secret");
    expect(body.error.message).toContain("req_42");
  });
});
