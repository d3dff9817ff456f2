import { describe, expect, it } from "vitest";
import { toAppError } from "./app-error.js";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("toAppError and unreachable dependencies", () => {
  it("calls a refused socket, a Postgres going away and a pool time-out unavailable (503), not internal", () => {
    for (const error of [
      withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
      withCode("terminating connection due to administrator command", "57P01"),
      withCode("the database system is starting up", "57P03"),
      new Error("Connection terminated unexpectedly"),
      Object.assign(new Error("Knex: Timeout acquiring a connection. The pool is probably full."), { name: "KnexTimeoutError" }),
      new Error("insert failed", { cause: withCode("connect ECONNREFUSED", "ECONNREFUSED") }),
    ]) {
      expect(toAppError(error)).toMatchObject({ code: "unavailable", retryable: true });
    }
  });

  it("keeps every other failure an opaque internal error", () => {
    for (const error of [new TypeError("x is undefined"), withCode("duplicate key value violates unique constraint", "23505"), withCode("syntax error", "42601")]) {
      expect(toAppError(error)).toMatchObject({ code: "internal", message: "internal error" });
    }
  });
});
