import { describe, expect, it } from "vitest";
import { errorTypeForStatus, isRetryableType, UpstreamError } from "../spec/upstream-error.js";
import type { HttpResponse } from "./http-transport.js";
import { readAll } from "./http-transport.js";
import { resolveTimeouts } from "./resolve-timeouts.js";
import { parseRetryAfterMs } from "./retry-after.js";
import { sniffJsonBody } from "./sniff-json-body.js";

function responseOf(chunks: string[]): HttpResponse {
  const body = { async *[Symbol.asyncIterator]() { for (const chunk of chunks) yield new TextEncoder().encode(chunk); } };
  return { status: 200, headers: {}, body, text: () => readAll(body), json: async () => JSON.parse(await readAll(body)), dispose: () => undefined };
}

describe("parseRetryAfterMs", () => {
  it("prefers retry-after-ms, then retry-after seconds or date, then the message hint", () => {
    expect(parseRetryAfterMs({ "retry-after-ms": "1500", "retry-after": "9" })).toBe(1500);
    expect(parseRetryAfterMs({ "retry-after": "2" })).toBe(2000);
    expect(parseRetryAfterMs({ "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT" }, undefined, Date.parse("2026-01-01T00:00:00Z"))).toBe(10_000);
    expect(parseRetryAfterMs({}, "Please try again in 18.642s. Visit ...")).toBe(18_642);
    expect(parseRetryAfterMs({}, "Please try again in 120ms")).toBe(120);
    expect(parseRetryAfterMs({}, "no hint")).toBeNull();
  });
});

describe("resolveTimeouts", () => {
  it("merges overrides over defaults and lets a sooner deadline cap the total", () => {
    expect(resolveTimeouts({ firstByteMs: 5, idleMs: undefined }, undefined)).toMatchObject({ firstByteMs: 5, idleMs: 60_000, totalMs: 600_000 });
    expect(resolveTimeouts({ totalMs: 10_000 }, 1_000 + 2_500, 1_000).totalMs).toBe(2_500);
    expect(resolveTimeouts({}, 500, 1_000).totalMs).toBe(0);
  });
});

describe("error classification", () => {
  it("maps statuses to types and types to retryability", () => {
    expect([400, 401, 402, 403, 404, 408, 429, 500, 502, 503, 529].map(errorTypeForStatus)).toEqual([
      "invalid_request", "authentication", "quota", "permission", "not_found", "timeout", "rate_limit", "server", "server", "overloaded", "overloaded",
    ]);
    expect(["rate_limit", "overloaded", "server", "timeout", "connection"].every((type) => isRetryableType(type as never))).toBe(true);
    expect(["invalid_request", "authentication", "permission", "not_found", "quota", "content_filter", "unsupported"].some((type) => isRetryableType(type as never))).toBe(false);
    const error = new UpstreamError({ provider: "p", status: 429, message: "slow down", retryAfterMs: 5 });
    expect(error.toJSON()).toEqual({ name: "UpstreamError", provider: "p", status: 429, type: "rate_limit", vendorCode: null, message: "slow down", retryable: true, retryAfterMs: 5 });
  });
});

describe("sniffJsonBody", () => {
  it("recognises a whole JSON body, even after blank lines and split across chunks", async () => {
    expect(await sniffJsonBody(responseOf(["\n ", '{"error_code":', "110}"]))).toEqual({ kind: "json", text: '\n {"error_code":110}' });
  });

  it("hands back an event stream with the bytes already read", async () => {
    const sniffed = await sniffJsonBody(responseOf(["da", "ta: 1\n\n", "data: 2\n\n"]));
    expect(sniffed.kind).toBe("stream");
    if (sniffed.kind === "stream") expect(await readAll(sniffed.body)).toBe("data: 1\n\ndata: 2\n\n");
  });
});
