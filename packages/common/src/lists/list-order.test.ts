import { describe, expect, it } from "vitest";
import type { AppError } from "../errors/app-error.js";
import { unknownCursor } from "./list-cursor.js";
import { readListOrder } from "./list-order.js";

describe("readListOrder", () => {
  it("answers the order asked for, or the list's default when none is", () => {
    expect(readListOrder("asc", "desc")).toBe("asc");
    expect(readListOrder("desc", "asc")).toBe("desc");
    expect(readListOrder(undefined, "desc")).toBe("desc");
    expect(readListOrder("", "asc")).toBe("asc");
  });

  it("refuses anything else as an invalid request naming order", () => {
    for (const value of ["ASC", "newest", " asc"]) {
      expect(() => readListOrder(value, "asc")).toThrow(expect.objectContaining({ code: "invalid_request", details: { param: "order" } }) as AppError);
    }
  });
});

describe("unknownCursor", () => {
  it("is an invalid request naming after, with the cursor in its message", () => {
    expect(unknownCursor("pol_gone")).toMatchObject({ code: "invalid_request", message: "after: pol_gone is not an item of this list", details: { param: "after" } });
  });
});
