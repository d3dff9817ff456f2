import { describe, expect, it } from "vitest";
import { cursorOf, firstPage, listQuery, paging } from "./list-order.js";

describe("paging a list in the order asked of the API", () => {
  it("walks on by the previous page's last id and back by the cursors kept", () => {
    let state = firstPage("asc");
    state = paging(state, { type: "next", lastId: "b" });
    state = paging(state, { type: "next", lastId: "d" });
    expect(cursorOf(state)).toBe("d");
    state = paging(state, { type: "previous" });
    expect(cursorOf(state)).toBe("b");
    expect(paging(firstPage("asc"), { type: "previous" })).toEqual(firstPage("asc"));
    // A page without a last id (an empty one) has nowhere to go on to.
    expect(paging(state, { type: "next", lastId: null })).toBe(state);
  });

  it("restarts from the first page in the new order when the order's column is sorted, from any page", () => {
    const third = paging(paging(firstPage("desc"), { type: "next", lastId: "9" }), { type: "next", lastId: "7" });
    const ascending = paging(third, { type: "order", order: "asc" });
    expect(ascending).toEqual({ order: "asc", limit: 20, cursors: [undefined] });
    expect(cursorOf(ascending)).toBeUndefined();
    // The same order asked again from a later page also goes back to the start (a sort starts at the top) …
    expect(paging(third, { type: "order", order: "desc" })).toEqual(firstPage("desc"));
    // … and on the first page changes nothing, so nothing is fetched again.
    const first = firstPage("desc");
    expect(paging(first, { type: "order", order: "desc" })).toBe(first);
  });

  it("keeps the order when the filters change and only the cursors restart", () => {
    const second = paging(firstPage("desc"), { type: "next", lastId: "42" });
    expect(paging(second, { type: "restart" })).toEqual({ order: "desc", limit: 20, cursors: [undefined] });
    const first = firstPage("asc");
    expect(paging(first, { type: "restart" })).toBe(first);
  });

  it("goes back to the first page, in the same order, when the page size changes; the size stays through sorts and filters", () => {
    const third = paging(paging(firstPage("desc"), { type: "next", lastId: "9" }), { type: "next", lastId: "7" });
    const ten = paging(third, { type: "limit", limit: 10 });
    expect(ten).toEqual({ order: "desc", limit: 10, cursors: [undefined] });
    expect(paging(ten, { type: "limit", limit: 10 })).toBe(ten);
    const walked = paging(ten, { type: "next", lastId: "5" });
    expect(paging(walked, { type: "order", order: "asc" })).toEqual({ order: "asc", limit: 10, cursors: [undefined] });
    expect(paging(walked, { type: "restart" })).toEqual({ order: "desc", limit: 10, cursors: [undefined] });
    expect(firstPage("asc", 50)).toEqual({ order: "asc", limit: 50, cursors: [undefined] });
  });

  it("builds the query with the order always said and `after` only past the first page", () => {
    expect(listQuery(20, undefined, "desc")).toEqual({ limit: 20, order: "desc" });
    expect(listQuery(20, "plan-b", "asc")).toEqual({ limit: 20, order: "asc", after: "plan-b" });
    expect(Object.keys(listQuery(5, undefined, "asc"))).not.toContain("after");
  });
});
