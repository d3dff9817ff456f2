import { Metadata, status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import { AppError, ERROR_CODES } from "@llm-serve/common";
import { describe, expect, it } from "vitest";
import { ERROR_CODE_TO_STATUS, appErrorToServiceError, serviceErrorToAppError } from "./error-status.js";

function asServiceError(partial: Partial<ServiceError>): ServiceError {
  return Object.assign(new Error(partial.details ?? ""), { code: GrpcStatus.UNKNOWN, details: "", metadata: new Metadata(), ...partial }) as ServiceError;
}

describe("error code <-> gRPC status table", () => {
  it.each(ERROR_CODES)("round-trips %s with its retryable flag and details", (code) => {
    const original = new AppError(code, `message of ${code}`, { details: { param: "model" }, retryable: code === "rate_limited" });
    const wire = appErrorToServiceError(original, "req_1");
    expect(wire.code).toBe(ERROR_CODE_TO_STATUS[code]);
    const back = serviceErrorToAppError(asServiceError(wire));
    expect(back.code).toBe(code);
    expect(back.retryable).toBe(code === "rate_limited");
    if (code === "internal") {
      expect(back.message).toBe("internal error (request req_1)");
      expect(back.details).toEqual({});
    } else {
      expect(back.message).toBe(`message of ${code}`);
      expect(back.details).toEqual({ param: "model" });
    }
  });

  it("maps statuses from peers that send no error code", () => {
    expect(serviceErrorToAppError(asServiceError({ code: GrpcStatus.UNAVAILABLE, details: "connect failed" })).code).toBe("unavailable");
    expect(serviceErrorToAppError(asServiceError({ code: GrpcStatus.NOT_FOUND })).code).toBe("not_found");
    expect(serviceErrorToAppError(asServiceError({ code: GrpcStatus.UNAUTHENTICATED })).code).toBe("unauthenticated");
    expect(serviceErrorToAppError(asServiceError({ code: GrpcStatus.DATA_LOSS })).code).toBe("internal");
  });

  it("keeps a message quoting a huge client value, and huge details, small enough for trailers", () => {
    const value = "x".repeat(100_000);
    const wire = appErrorToServiceError(new AppError("invalid_request", `unknown time zone ${value}`, { details: { param: "timezone", value } }), "req_1");
    expect(wire.details!.length).toBeLessThan(1_100);
    expect(wire.details).toMatch(/^unknown time zone x+… \(cut\)$/);
    expect(wire.metadata!.get("x-error-details")).toEqual([]);
    expect(serviceErrorToAppError(asServiceError(wire)).code).toBe("invalid_request");
  });

  it("never sends an internal error's cause", () => {
    const wire = appErrorToServiceError(new AppError("internal", "password=hunter2 leaked in a message", { details: { secret: "x" } }), "req_9");
    expect(wire.details).toBe("internal error (request req_9)");
    expect(wire.metadata?.get("x-error-details")).toEqual([]);
  });
});
